import { join } from 'node:path';
import { openPreview, type PreviewSession } from './support';

/**
 * The built-in components and wx APIs the preview makes work, on a small mini-program of its
 * own (test/e2e/fixture) whose page prints what each component reported.
 */
let s: PreviewSession;

beforeAll(async () => {
  s = await openPreview({ root: join(__dirname, 'fixture') });
});
afterAll(() => s?.close());

test('styles: app.wxss reaches the page, tag selectors reach wx- elements, rpx is scaled to the 375 px frame', async () => {
  await s.see('去下一页');
  expect(await s.page.locator('#mp-title').textContent()).toBe('内置组件');
  const styles = await s.page.evaluate(() => {
    const row = document.querySelector('.mp-screen:not([hidden]) wx-view[class$="--row"]')!;
    return {
      page: getComputedStyle(document.querySelector('wx-page')!).backgroundColor,
      lineHeight: getComputedStyle(row).lineHeight,
      padding: getComputedStyle(row).paddingLeft,
    };
  });
  expect(styles).toEqual({ page: 'rgb(240, 247, 255)', lineHeight: expect.stringMatching(/px$/), padding: '12px' });
  expect(styles.lineHeight).not.toBe('normal');
  await s.snap('fixture-controls');
});

test('input and textarea report each keystroke, Enter confirms', async () => {
  const name = s.screen().locator('wx-input input').first();
  await name.fill('桂兰');
  await name.press('Enter');
  await s.see('你好，桂兰（已确认）');
  await s.screen().locator('wx-textarea textarea').fill('两行\n备注');
  await s.see(/备注：两行\s+备注/);
});

test('pickers open WeChat-style sheets: a list, and a date', async () => {
  await (await s.see('水果：未选')).click();
  await s.page.locator('.mp-sheet').getByText('香蕉').click();
  await s.see('水果：香蕉');

  await (await s.see('日期：未选')).click();
  await s.page.locator('.mp-sheet input[type="date"]').fill('2026-05-01');
  await s.page.locator('.mp-sheet').getByText('确定').click();
  await s.see('日期：2026-05-01');
});

test('switch, checkboxes (tapped through their labels) and radios report changes', async () => {
  await s.screen().locator('wx-switch').first().click();
  await s.see('提醒：开');
  await s.screen().getByText('茶', { exact: true }).click();
  await s.see('选了：tea+milk');
  await s.screen().getByText('大杯').click();
  await s.see('杯型：L');
  await s.screen().getByText('小杯').click();
  await s.see('杯型：S');
});

test('scroll-view tells the page when it reaches its end', async () => {
  await s
    .screen()
    .locator('wx-scroll-view')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await s.see('到底了 1 次');
  // A touch within 150 ms of scrolling is not a tap (WeChat and j-component alike): let it pass.
  await s.page.waitForTimeout(200);
});

test('an image loads from the mini-program folder and reports its size', async () => {
  await s.see('图片：40x20');
});

test('showModal waits for the person: cancel, then confirm', async () => {
  await s.screen().getByText('问一下').click();
  await s.page.locator('.mp-modal').getByText('真的要问吗？').waitFor();
  await s.snap('fixture-modal');
  await s.page.locator('.mp-modal').getByText('取消').click();
  await s.see('回答：取消');
  await s.screen().getByText('问一下').click();
  await s.page.locator('.mp-modal').getByText('确定').click();
  await s.see('回答：确定');
});

test('scanCode offers the residents’ check-in codes, as the runtime knows them', async () => {
  const me = await s.cloud.ok('users', 'me', {}, 'demo-resident-1');
  await s.screen().getByText('扫码', { exact: true }).click();
  await s.page.locator('.mp-sheet').getByText(`${me.name}  ${me.checkinCode}`).click();
  await s.see(`扫到：${me.checkinCode}`);
});

test('a form submits its named fields', async () => {
  await s.screen().getByText('提交').click();
  await s.see('表单：{"city":"兰州","ok":true}');
});

test('storage lasts across a reload and belongs to one person', async () => {
  await s.screen().getByText('记住名字').click();
  await s.page.reload();
  await s.see('记住的：桂兰');
  await s.as('demo-resident-2');
  await s.see('记住的：无');
  await s.as('demo-resident-1');
  await s.see('记住的：桂兰');
});

test('the privacy agree button records consent with "WeChat", per person', async () => {
  await s.see('隐私：要问');
  await s.screen().getByText('同意隐私指引').click();
  await s.see('隐私：刚同意');
  await s.page.reload();
  await s.see('隐私：已同意');
  await s.as('demo-resident-2');
  await s.see('隐私：要问');
  await s.as('demo-resident-1');
});

test('navigator opens a page with its query and takes the person back', async () => {
  await s.screen().getByText('去下一页').click();
  await s.see('从 controls 来');
  expect(await s.page.locator('#mp-title').textContent()).toBe('下一页');
  expect(await s.page.locator('#mp-back').isVisible()).toBe(true);
  await s.screen().getByText('回去').click();
  await s.see('去下一页');
  expect(await s.page.locator('#mp-title').textContent()).toBe('内置组件');
});

test('pulling down past the top (the mouse wheel) refreshes a page that enables it', async () => {
  await s
    .screen()
    .locator('.mp-page')
    .evaluate((el) => el.scrollTo({ top: 0 }));
  await s.screen().hover();
  for (let i = 0; i < 4; i++) await s.page.mouse.wheel(0, -100);
  await s.see('刷新了 1 次');
  expect(await s.page.locator('.mp-refreshing').count()).toBe(0);
});

test('a page app.json lists but nobody wrote yet is reported, and opening it does not break the app', async () => {
  expect(await s.page.locator('#problems').textContent()).toContain('pages/not-written-yet/index：缺少 .wxml、.ts');
  await s.screen().getByText('去还没写的页').click();
  await s.see('这个页面还不能预览');
  await s.page.locator('#mp-back').click();
  await s.see('去下一页');
});
