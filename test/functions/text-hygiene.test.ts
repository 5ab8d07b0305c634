import { longText, personName } from '../../cloudfunctions/_shared/schemas';
import { startTestCloud, type TestCloud } from '../support/cloud';
import { replyRefusal } from '../support/refusal';

/** Typed text is what a person can see: no invisible-only names, no control characters. */
test('a name of only zero-width characters is empty; one with them inside is the visible name', () => {
  expect(personName.safeParse('\u200b\u200c\ufeff').success).toBe(false);
  expect(personName.parse(' 马\u200b奶奶\u2060 ')).toBe('马奶奶');
});

test('control characters are refused; a text with lines keeps its line breaks', () => {
  expect(personName.safeParse('马奶奶\u0007').success).toBe(false);
  expect(personName.safeParse('马\n奶奶').success).toBe(false);
  expect(longText.parse('第一行\n第二行\t备注')).toBe('第一行\n第二行\t备注');
  expect(longText.safeParse('第一行\u001b[31m').success).toBe(false);
});

describe('through the function', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud.close());

  test('a profile named with zero-width spaces is refused and nothing is saved', async () => {
    const before = cloud.emulator.dump().users ?? [];
    expect(await replyRefusal(cloud.call('users', 'updateProfile', { name: '\u200b\u200b', phone: '13900001111' }, 'o_hygiene'))).toBe('INVALID_INPUT');
    expect(cloud.emulator.dump().users ?? []).toEqual(before);
    const ok = await cloud.ok('users', 'updateProfile', { name: '王\u200b阿姨', phone: '13900001111' }, 'o_hygiene');
    expect(ok.name).toBe('王阿姨');
  });
});
