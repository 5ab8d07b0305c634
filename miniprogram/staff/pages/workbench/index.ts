import { pageLoad } from '../../../behaviors/page-load';
import { me } from '../../../services/users';
import { careMode } from '../../../utils/care';
import { tilesFor, type Tile } from './tiles';

/** Role names as staff call themselves. */
const ROLE_NAMES: Record<string, string> = { volunteer: '志愿者', worker: '社工', secretary: '社区书记', admin: '项目负责人' };

/** 工作台: the staff home, one tile per staff page this person's roles may use. */
Component({
  behaviors: [careMode, pageLoad],
  data: {
    name: '',
    roleNames: '',
    tiles: [] as Tile[],
  },
  methods: {
    onShow() {
      return this.load();
    },
    load() {
      return this.loadWith(async () => {
        const profile = await me();
        const tiles = tilesFor(profile.roles);
        return {
          state: tiles.length ? 'ready' : 'empty',
          name: profile.name,
          roleNames: profile.roles
            .map((r) => ROLE_NAMES[r])
            .filter(Boolean)
            .join('、'),
          tiles,
        };
      });
    },
    open(e: WechatMiniprogram.BaseEvent<{}, { url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
    goHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
