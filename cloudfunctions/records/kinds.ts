import { z } from 'zod';
import { id, localDay, SERVICE_AREAS, text } from '../_shared/schemas';
import { dayjs } from '../_shared/time';

/**
 * The kinds of work the station records, as data. A kind is its title, how it counts 活动次数,
 * which outputs (人, 个, 份) it produces, who attends, and its fields — from which the contract
 * builds its input (contract.ts) and the form page renders itself, so a new kind is an entry here,
 * not new code. Every kind counts through the one attendance record (_shared/attendance.ts).
 */
export const RECORD_KINDS = [
  'heldActivity',
  'meeting',
  'training',
  'householdInterview',
  'communityWalk',
  'needsReport',
  'resourceLinking',
  'residentLeader',
  'groupIncubated',
  'hallVisit',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * How a kind counts 活动次数: once per occasion, whoever came (a haircut day with 30 residents is
 * 1 次 30 人次), or once per service given, i.e. per household or family served (a home visit is
 * 1 次 1 人次).
 */
export type CountsPer = 'occasion' | 'service';

/**
 * Who attends, and so what attendance a record writes:
 * - residents: registered residents by id (offline `off_…` ones too), each with the family who came
 *   (headcount, "1 of 2 came" is 1), and where the kind allows it a headcount of people whose names
 *   were not taken (a public event);
 * - staff: staff and partners (a meeting, a training). They count 次 only, not 受益人次 of residents:
 *   one attendance with headcount 0 per occasion; who came is kept in the record's details;
 * - none: an output, not an occasion (a report written, a leader developed, a group founded): no
 *   attendance; the output counts (people 人, groups 个, reports 份).
 */
export type Attends = 'residents' | 'staff' | 'none';

/** What a record produces beside 次 and 人次: people developed (人), groups founded (个), reports written (份). */
export type Outputs = { people?: number; groups?: number; reports?: number };
export const OUTPUT_UNITS = { people: '人', groups: '个', reports: '份' } as const;

/** 已留存的资料内容: the paper trail a report row lists, as the station names it. */
export const DOCUMENTS = [
  '活动策划',
  '活动通知',
  '报名表',
  '签到表',
  '安全协议',
  '小组契约',
  '过程记录',
  '小组评估',
  '活动新闻稿',
  '宣传展板',
  '服务记录',
  '会议记录',
  '新闻稿',
  '培训通知',
  '培训心得',
  '调研问卷',
  '调研评估报告',
  '资助方信息',
  '受助方信息',
  '物资签领表',
  '人员基本信息登记表',
  '成员信息',
  '组织管理架构',
  '志愿服务协议',
  '志愿者补贴签领表',
  '计划书',
  '管理制度',
  '日间服务安全检查表',
  '照片',
] as const;
export type Document = (typeof DOCUMENTS)[number];

// ---------- Fields: each is its description for the form and its schema for the contract, in one place.

export const FIELD_TYPES = ['text', 'longText', 'number', 'choice', 'person'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How the form shows a field and checks it before sending; the function checks it again (schema). */
export interface FieldSpec {
  label: string;
  type: FieldType;
  required: boolean;
  /** Characters of a text, or the largest number. */
  max?: number;
  min?: number;
  unit?: string;
  choices?: readonly string[];
  /** What the form starts with. */
  initial?: string | number;
  hint?: string;
}

export interface Field<S extends z.ZodType = z.ZodType> {
  spec: FieldSpec;
  schema: S;
}

const field = <S extends z.ZodType>(spec: FieldSpec, schema: S): Field<S> => ({ spec, schema });

const f = {
  text: (label: string, max: number, hint?: string) => field({ label, type: 'text', required: true, max, hint }, text(max, 1)),
  optionalText: (label: string, max: number, hint?: string) => field({ label, type: 'text', required: false, max, hint }, text(max).default('')),
  longText: (label: string, max: number, hint?: string) =>
    field({ label, type: 'longText', required: false, max, hint }, text(max, 0, { lines: true }).default('')),
  /** A number that must be given, at least `min` (≥ 1). */
  count: (label: string, unit: string, min: number, max: number) =>
    field({ label, type: 'number', required: true, min, max, unit }, z.number().int().min(min).max(max)),
  /** A number that may be left at 0. */
  optionalCount: (label: string, unit: string, max: number) =>
    field({ label, type: 'number', required: false, min: 0, max, unit, initial: 0 }, z.number().int().min(0).max(max).default(0)),
  choice: <T extends readonly [string, ...string[]]>(label: string, choices: T) => field({ label, type: 'choice', required: true, choices }, z.enum(choices)),
  /** A choice the form starts on `initial`; left out, it is `initial`. */
  preset: <T extends readonly [string, ...string[]]>(label: string, choices: T, initial: T[number]) =>
    field({ label, type: 'choice', required: true, choices, initial }, z.enum(choices).default(initial)),
  /** One resident, found by name (the people picker); their id is kept with the record. */
  person: (label: string, hint?: string) => field({ label, type: 'person', required: true, hint }, id),
};

/** The report's service area; a kind that serves one area starts with it. */
const area = () => f.choice('服务领域', SERVICE_AREAS);
const presetArea = (initial: (typeof SERVICE_AREAS)[number]) => f.preset('服务领域', SERVICE_AREAS, initial);
const note = f.longText('备注', 500);

// ---------- Occasions: the dates a record covers, and per date who came.

/** A real station-local calendar day (the format alone would let 2026-02-30 through), year 2000 or later. */
export const recordDay = localDay.max(10).refine((s) => dayjs(s, 'YYYY-MM-DD', true).isValid());

/** A resident who came, with the family who came with them. */
const attendee = z.object({ personId: id, headcount: z.number().int().min(1).max(20) });

/** Who came on one occasion, as the form asks it. */
export interface AttendanceSpec {
  /** Named residents (the people picker), at most this many per occasion; null: none asked. */
  named: { max: number; label: string; headcountLabel: string } | null;
  /** People whose names were not taken: a headcount per occasion, or per service a number of households or persons. */
  unnamed: { max: number; label: string } | null;
}

function occasionSchema(a: AttendanceSpec) {
  return z.object({
    day: recordDay,
    attendees: a.named ? z.array(attendee).max(a.named.max).default([]) : z.array(attendee).max(0).default([]),
    unnamed: a.unnamed ? z.number().int().min(0).max(a.unnamed.max).default(0) : z.literal(0).default(0),
  });
}

// ---------- The kinds.

export interface KindDef<F extends Record<string, Field> = Record<string, Field>, K extends RecordKind = RecordKind> {
  id: K;
  title: string;
  /** One line the kind picker shows. */
  blurb: string;
  countsPer: CountsPer;
  attends: Attends;
  /** What each record adds to the outputs counted in 人, 个, 份. */
  outputs: Outputs;
  /** The service area of a kind that has no area field: null for staff work. */
  serviceArea: (typeof SERVICE_AREAS)[number] | null;
  /** How many dates one record may cover: a back-entered series, a month's hall register. */
  maxOccasions: number;
  /** What the date of an occasion is called on the form. */
  dayLabel: string;
  attendance: AttendanceSpec;
  fields: F;
  /** The documents the form ticks to start with. */
  documents: readonly Document[];
  /** The record's title, as report rows and lists name it. */
  titleOf(values: FieldValues<F>): string;
}

export type FieldValues<F extends Record<string, Field>> = { [K in keyof F]: z.output<F[K]['schema']> };

const NO_ATTENDANCE: AttendanceSpec = { named: null, unnamed: null };
const kind = <K extends RecordKind, F extends Record<string, Field>>(def: KindDef<F, K>) => def;

export const MEETING_TYPES = ['督导会议', '三方联席会议', '居民民主监督会议', '评估会'] as const;
export const HALL_ACTIVITIES = ['手工', '书法', '棋艺', '健身'] as const;
export const RECEIPT = ['已签领', '未签领'] as const;

export const KINDS = {
  heldActivity: kind({
    id: 'heldActivity',
    title: '补录活动',
    blurb: '已经办过的活动或小组，照签到表补录',
    countsPer: 'occasion',
    attends: 'residents',
    outputs: {},
    serviceArea: null,
    maxOccasions: 31,
    dayLabel: '活动日期',
    attendance: {
      named: { max: 200, label: '签到的居民', headcountLabel: '到场人数（含家人）' },
      unnamed: { max: 5000, label: '没登记姓名的人数（公开活动）' },
    },
    fields: {
      title: f.text('活动名称', 40),
      serviceArea: area(),
      targetGroup: f.optionalText('服务对象', 20, '如 社区老年人'),
      place: f.optionalText('地点', 50),
      staffPresent: f.optionalCount('到场社工', '人', 50),
      volunteersPresent: f.optionalCount('到场志愿者', '人', 200),
      note,
    },
    documents: ['签到表'],
    titleOf: (v) => v.title,
  }),
  meeting: kind({
    id: 'meeting',
    title: '会议',
    blurb: '督导会议、三方联席会议、居民民主监督会议、评估会',
    countsPer: 'occasion',
    attends: 'staff',
    outputs: {},
    serviceArea: null,
    maxOccasions: 1,
    dayLabel: '会议日期',
    attendance: NO_ATTENDANCE,
    fields: {
      meetingType: f.choice('会议类型', MEETING_TYPES),
      topic: f.optionalText('议题', 40, '如 每周团队督导'),
      staff: f.optionalCount('社工', '人', 100),
      communityStaff: f.optionalCount('街道、社区工作人员', '人', 100),
      residentLeaders: f.optionalCount('居民骨干', '人', 100),
      others: f.optionalCount('其他参会人员', '人', 200),
      note,
    },
    documents: ['会议记录'],
    titleOf: (v) => v.meetingType,
  }),
  training: kind({
    id: 'training',
    title: '员工能力提升培训',
    blurb: '社工参加或组织的培训',
    countsPer: 'occasion',
    attends: 'staff',
    outputs: {},
    serviceArea: null,
    maxOccasions: 1,
    dayLabel: '培训日期',
    attendance: NO_ATTENDANCE,
    fields: {
      topic: f.text('培训主题', 40),
      trainer: f.optionalText('主讲', 30),
      participants: f.count('参加人数', '人', 1, 500),
      note,
    },
    documents: ['培训通知', '新闻稿'],
    titleOf: () => '员工能力提升培训',
  }),
  householdInterview: kind({
    id: 'householdInterview',
    title: '入户访谈',
    blurb: '需求调研：上门访谈住户',
    countsPer: 'service',
    attends: 'residents',
    outputs: {},
    serviceArea: null,
    maxOccasions: 31,
    dayLabel: '访谈日期',
    attendance: {
      named: { max: 100, label: '访谈的住户（登记过的居民）', headcountLabel: '访谈人数' },
      unnamed: { max: 200, label: '没登记姓名的住户数（每户记 1 人次）' },
    },
    fields: {
      serviceArea: presetArea('社区'),
      purpose: f.optionalText('调研内容', 40, '如 老年人服务需求'),
      note,
    },
    documents: ['调研问卷'],
    titleOf: () => '入户访谈',
  }),
  communityWalk: kind({
    id: 'communityWalk',
    title: '社区漫步',
    blurb: '需求调研：在社区里走访，和居民聊',
    countsPer: 'occasion',
    attends: 'residents',
    outputs: {},
    serviceArea: '社区',
    maxOccasions: 31,
    dayLabel: '漫步日期',
    attendance: {
      named: { max: 100, label: '聊过的居民（登记过的）', headcountLabel: '人数' },
      unnamed: { max: 1000, label: '接触的其他居民人数' },
    },
    fields: {
      route: f.text('路线', 50, '如 1-5号楼、小广场'),
      staffPresent: f.optionalCount('社工', '人', 50),
      note,
    },
    documents: [],
    titleOf: () => '社区漫步',
  }),
  needsReport: kind({
    id: 'needsReport',
    title: '需求调研报告',
    blurb: '写成的调研评估报告，记 1 份',
    countsPer: 'occasion',
    attends: 'none',
    outputs: { reports: 1 },
    serviceArea: null,
    maxOccasions: 1,
    dayLabel: '完成日期',
    attendance: NO_ATTENDANCE,
    fields: {
      title: f.text('报告名称', 60),
      serviceArea: presetArea('社区'),
      note,
    },
    documents: ['调研评估报告'],
    titleOf: (v) => v.title,
  }),
  resourceLinking: kind({
    id: 'resourceLinking',
    title: '家庭救助资源链接',
    blurb: '为困难家庭链接的物资或资助，含签领',
    countsPer: 'service',
    attends: 'residents',
    outputs: {},
    serviceArea: null,
    maxOccasions: 1,
    dayLabel: '发放日期',
    attendance: {
      named: { max: 20, label: '受助家庭（户主或联系人）', headcountLabel: '受助人数' },
      unnamed: null,
    },
    fields: {
      donor: f.text('资助方', 50),
      items: f.text('资助内容', 100, '如 米面油各一份'),
      receipt: f.preset('签领', RECEIPT, '已签领'),
      serviceArea: presetArea('家庭'),
      note,
    },
    documents: ['资助方信息', '受助方信息', '物资签领表'],
    titleOf: () => '家庭救助资源链接',
  }),
  residentLeader: kind({
    id: 'residentLeader',
    title: '培育社区居民领袖',
    blurb: '发展的居民骨干，记 1 人',
    countsPer: 'occasion',
    attends: 'none',
    outputs: { people: 1 },
    serviceArea: '社区',
    maxOccasions: 1,
    dayLabel: '发展日期',
    attendance: NO_ATTENDANCE,
    fields: {
      person: f.person('居民骨干'),
      role: f.optionalText('承担的角色', 30, '如 楼栋长、合唱团队长'),
      note,
    },
    documents: ['人员基本信息登记表'],
    titleOf: () => '培育社区居民领袖',
  }),
  groupIncubated: kind({
    id: 'groupIncubated',
    title: '孵化社区社会组织',
    blurb: '成立的社区社会组织，记 1 个',
    countsPer: 'occasion',
    attends: 'none',
    outputs: { groups: 1 },
    serviceArea: '社区',
    maxOccasions: 1,
    dayLabel: '成立日期',
    attendance: NO_ATTENDANCE,
    fields: {
      name: f.text('组织名称', 30),
      foundingMembers: f.optionalCount('成立时成员', '人', 500),
      foundingNote: f.longText('成立会议纪要', 1000, '如 座谈会定名称、选队长、定练习时间'),
    },
    documents: ['成员信息', '组织管理架构'],
    titleOf: (v) => `孵化社区社会组织（${v.name}）`,
  }),
  hallVisit: kind({
    id: 'hallVisit',
    title: '便民大厅日间服务',
    blurb: '便民大厅每天来的居民，按项目登记',
    countsPer: 'occasion',
    attends: 'residents',
    outputs: {},
    serviceArea: '社区',
    maxOccasions: 31,
    dayLabel: '日期',
    attendance: {
      named: { max: 100, label: '来的居民（登记过的）', headcountLabel: '人数' },
      unnamed: { max: 500, label: '其他来的人数' },
    },
    fields: {
      activity: f.choice('项目', HALL_ACTIVITIES),
      note,
    },
    documents: ['签到表'],
    titleOf: () => '便民大厅日间服务',
  }),
} satisfies { [K in RecordKind]: KindDef<Record<string, Field>, K> };

export type Kinds = typeof KINDS;

/** The schema of one occasion of a kind: its day and, per the kind, who came. */
export const occasionOf = (k: RecordKind) => occasionSchema(KINDS[k].attendance);

/** The fields of a kind as a zod shape, with their precise types (the contract's union is built from these). */
type FieldsOf<K extends RecordKind> = Kinds[K]['fields'];
type ShapeOf<F> = { [P in keyof F]: F[P] extends Field<infer S> ? S : never };

export function fieldShape<K extends RecordKind>(k: K): ShapeOf<FieldsOf<K>> {
  const fields = KINDS[k].fields as Record<string, Field>;
  return Object.fromEntries(Object.entries(fields).map(([key, fd]) => [key, fd.schema])) as never;
}

/** Field keys stored on the record itself, not among its details. */
export const TOP_LEVEL_FIELDS = ['title', 'serviceArea', 'targetGroup', 'staffPresent', 'volunteersPresent'] as const;

/** How a kind's field reads on the form: its key and description. */
export const fieldSpecs = (k: RecordKind) =>
  Object.entries(KINDS[k].fields as Record<string, Field>).map(([key, { spec }]) => ({ key, ...spec, choices: spec.choices && [...spec.choices] }));
