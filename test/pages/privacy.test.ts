import { STATION } from '../../miniprogram/config';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { openPage } from '../support/simulate';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

test('the privacy page says what is collected, why, who sees it and how to see or erase it', async () => {
  let contractOpened = 0;
  Object.assign(wx, { openPrivacyContract: () => void contractOpened++ });
  const page = await openPage(cloud, 'pages/privacy/index', { openid: 'demo-resident-7' });
  const titles = page.all('.card__title').map((t) => t.dom!.textContent);
  expect(titles).toEqual(['我们收集什么', '为什么要这些', '谁能看到', '想改或想删除资料']);
  expect(page.text()).toContain('只有社工能看到');
  // In step with the rest: the tags are shown on request, deletion is self-service, phones are masked.
  expect(page.text()).toContain('在“我的 → 我的全部资料”里能看到');
  expect(page.text()).toContain('也能自己全部删除');
  expect(page.text()).toContain('138****1234');
  expect(page.text()).toContain(STATION.phone);
  // It reads nothing from the cloud: a static page that works offline.
  expect(page.calls).toEqual([]);

  await page.tap('#call-station');
  expect(page.phoneCalls).toEqual([STATION.phone]);
  await page.tap('#my-data');
  expect(page.navigations).toEqual([{ method: 'navigateTo', url: '/pages/my-data/index' }]);
  await page.tap('#open-contract');
  expect(contractOpened).toBe(1);
  page.close();
});
