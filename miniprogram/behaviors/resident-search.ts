import { CloudError } from '../services/cloud';
import { findResidents } from '../services/users';

/** One resident the search found, as a staff form lists it to tap. */
export interface FoundResident {
  id: string;
  name: string;
  building: string;
}

/**
 * Finding a resident by name, phone or building (users.findResidents) on a staff form: the
 * search box's `query`, what was `found`, whether it `searched`, and a `formError` when the query
 * is empty or the search failed. The page's own `pickPerson` does what a tap on a result means.
 */
export const residentSearch = Behavior({
  data: { query: '', found: [] as FoundResident[], searched: false, formError: '' },
  methods: {
    onQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: e.detail.value });
    },
    async search() {
      const query = this.data.query.trim();
      if (!query) return this.setData({ formError: '请输入居民的姓名、电话或楼栋' });
      try {
        const found = await findResidents(query);
        this.setData({ found: found.map((p) => ({ id: p.id, name: p.name, building: p.building })), searched: true, formError: '' });
      } catch (err) {
        this.setData({ formError: err instanceof CloudError ? err.message : '没有找到，请再试一次' });
      }
    },
  },
});
