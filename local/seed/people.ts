import type { ResidentTag } from '../../cloudfunctions/users/contract';
import { DEMO, type SeedCall } from './call';

/** Fictional residents of 福源小镇社区: none of these names or numbers belongs to anyone. */
const RESIDENTS: { name: string; building: string; tags: ResidentTag[]; household?: { name: string; relation: string; birthYear?: number }[] }[] = [
  { name: '张桂兰', building: '3号楼2单元', tags: ['老年人', '空巢'] },
  { name: '李德顺', building: '5号楼1单元', tags: ['老年人'] },
  { name: '王秀英', building: '1号楼3单元', tags: ['老年人', '失独'] },
  { name: '赵建国', building: '7号楼1单元', tags: ['残障'] },
  { name: '刘芳', building: '2号楼1单元', tags: ['单亲'], household: [{ name: '刘小雨', relation: '女儿', birthYear: 2015 }] },
  {
    name: '陈明',
    building: '4号楼2单元',
    tags: [],
    household: [
      { name: '陈乐乐', relation: '儿子', birthYear: 2016 },
      { name: '周丽', relation: '妻子' },
    ],
  },
  { name: '孙淑珍', building: '6号楼3单元', tags: ['老年人'] },
  { name: '周强', building: '8号楼1单元', tags: ['低保'], household: [{ name: '周小宇', relation: '儿子', birthYear: 2013 }] },
  { name: '吴玉梅', building: '3号楼1单元', tags: ['老年人', '空巢'] },
  { name: '郑海', building: '9号楼2单元', tags: ['残障'] },
  { name: '冯丽华', building: '1号楼1单元', tags: ['老年人'] },
  { name: '马晓东', building: '5号楼3单元', tags: [], household: [{ name: '马思源', relation: '女儿', birthYear: 2014 }] },
  { name: '何凤英', building: '2号楼3单元', tags: ['老年人'] },
  { name: '罗志刚', building: '7号楼2单元', tags: ['低保'] },
  { name: '高春花', building: '4号楼1单元', tags: ['老年人'] },
  { name: '林静', building: '6号楼1单元', tags: ['困境家庭'], household: [{ name: '林可可', relation: '女儿', birthYear: 2017 }] },
  { name: '宋长海', building: '8号楼3单元', tags: ['老年人', '残障'] },
  { name: '唐美玲', building: '9号楼1单元', tags: [] },
  { name: '韩伯年', building: '10号楼2单元', tags: ['老年人'] },
  { name: '曹小红', building: '10号楼1单元', tags: ['单亲'], household: [{ name: '曹天天', relation: '儿子', birthYear: 2012 }] },
];

/** Demo phones come from a range no carrier hands out to the public in this demo's story. */
const demoPhone = (n: number) => `1390000${String(n).padStart(4, '0')}`;

/** The station's people: the admin claims the role with the demo invite code, then grants the others. */
export async function seedPeople(call: SeedCall, inviteCode: string): Promise<void> {
  const staff = [
    { openid: DEMO.admin, name: '白项目', roles: ['admin', 'worker'] as const },
    { openid: DEMO.worker, name: '李社工', roles: ['worker'] as const },
    { openid: DEMO.secretary, name: '王书记', roles: ['secretary'] as const },
    { openid: DEMO.volunteer, name: '小周老师', roles: ['volunteer'] as const },
  ];
  await call('users', 'claimAdmin', { code: inviteCode }, DEMO.admin);
  for (const [i, s] of staff.entries()) {
    await call('users', 'updateProfile', { name: s.name, phone: demoPhone(9000 + i), building: '社工站' }, s.openid);
    await call('users', 'setRoles', { personId: s.openid, roles: [...s.roles] }, DEMO.admin);
  }
  for (const [i, r] of RESIDENTS.entries()) {
    const openid = DEMO.resident(i + 1);
    await call('users', 'updateProfile', { name: r.name, phone: demoPhone(i + 1), building: r.building, household: r.household ?? [] }, openid);
    if (r.tags.length) await call('users', 'setTags', { personId: openid, tags: r.tags }, DEMO.worker);
  }
  // A resident without WeChat, signed up in person by the worker (代报名).
  await call('users', 'createOffline', { name: '田大爷', building: '11号楼1单元' }, DEMO.worker);
}
