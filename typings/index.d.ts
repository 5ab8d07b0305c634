/// <reference types="miniprogram-api-typings" />

/** What `getApp<IAppOption>()` holds. */
interface IAppOption {
  globalData: {
    /** The signed-in person as last read by `users.me()`; re-read it when roles matter. */
    profile: import('../cloudfunctions/contracts').ActionOutput<'users', 'me'> | null;
  };
}
