/** An expected refusal: a stable code for programs and a plain Chinese message for the resident. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (field?: string) =>
  new AppError('INVALID_INPUT', field ? `填写的内容有误（${field}），请检查后再试` : '填写的内容有误，请检查后再试', field);
export const forbidden = () => new AppError('FORBIDDEN', '您没有权限进行这个操作');
export const notFound = (what = '内容') => new AppError('NOT_FOUND', `没有找到这个${what}，可能已被删除`);
export const unknownAction = () => new AppError('UNKNOWN_ACTION', '这个功能暂不可用，请更新小程序后再试');
export const internalError = () => new AppError('INTERNAL', '系统开小差了，请稍后再试或联系社工站');
export const profileIncomplete = () => new AppError('PROFILE_INCOMPLETE', '请先填写姓名和联系电话');
