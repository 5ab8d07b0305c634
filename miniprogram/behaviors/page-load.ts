import { CloudError } from '../services/cloud';

/** What `<state-view>` shows: a spinner, nothing yet (with a way forward), a failure with 再试一次, or the page. */
export type PageState = 'loading' | 'empty' | 'error' | 'ready';

/** What a page's read puts on screen: its data, and `state` when that is not simply 'ready'. */
type Loaded = { state?: PageState } & WechatMiniprogram.IAnyObject;

/**
 * The read behind every page's `<state-view state="{{state}}" message="{{error}}" bind:retry="load">`.
 * A page's `load()` hands its read to `loadWith`, which returns what to show:
 *
 *   load() {
 *     return this.loadWith(async () => {
 *       const cards = (await listGroups()).map(card);
 *       return { state: cards.length ? 'ready' : 'empty', cards };
 *     });
 *   },
 *
 * The spinner shows only while nothing is on screen: coming back to a page refreshes it in place.
 * A page that wants the spinner again (a new filter, another group) sets `state: 'loading'` first.
 */
export const pageLoad = Behavior({
  data: { state: 'loading' as PageState, error: '' },
  methods: {
    /** `keepOnError`: a failed refresh leaves the page as it is, for pages whose own steps say what went wrong. */
    async loadWith(read: () => Promise<Loaded>, { keepOnError = false } = {}) {
      if (this.data.state !== 'ready') this.setData({ state: 'loading' });
      try {
        this.setData({ state: 'ready', ...(await read()) });
      } catch (err) {
        if (!keepOnError || this.data.state !== 'ready') this.showError(err);
      }
    },
    /** The function's own message; '' lets `<state-view>` say 网络不太好. */
    showError(err: unknown) {
      this.setData({ state: 'error', error: err instanceof CloudError ? err.message : '' });
    },
    /** Pull-down refresh, on the pages whose .json enables it: the page's own load. */
    async onPullDownRefresh() {
      await (this as unknown as { load(): Promise<void> }).load();
      wx.stopPullDownRefresh();
    },
  },
});
