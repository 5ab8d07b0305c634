/** 活动次数, 受益人次 and 服务居民 per service area: the same table for this month and the project period. */
Component({
  properties: {
    areas: { type: Array, value: [] },
  },
});
