import { stationInstant, type KindId, type RecordInput } from '../../../services/services';

/*
 * The record form's checks, made before anything is sent; the services function checks the same
 * again (its zod contract) and refuses a second record of the same service that day.
 */

export interface RecordForm {
  /** Who was served: a request picked from the list, or a resident found by name (staff only). */
  requestId: string;
  personId: string;
  day: string;
  time: string;
  minutes: string;
  subject: string;
  support: string[];
  volunteerId: string;
  note: string;
}

export const emptyRecord = (day: string, minutes: number): RecordForm => ({
  requestId: '',
  personId: '',
  day,
  time: '09:00',
  minutes: String(minutes),
  subject: '',
  support: [],
  volunteerId: '',
  note: '',
});

export const MAX_NOTE = 200;

/** The record to send, or what is still missing. */
export function recordFrom(kind: KindId, form: RecordForm): RecordInput | string {
  if (!form.requestId && !form.personId) return '请选服务对象';
  const minutes = /^\d+$/.test(form.minutes.trim()) ? Number(form.minutes.trim()) : NaN;
  if (!(minutes >= 5 && minutes <= 480)) return '服务时长请填 5 到 480 分钟';
  const note = form.note.trim();
  if (note.length > MAX_NOTE) return `内容最多 ${MAX_NOTE} 个字`;
  const at = stationInstant(form.day, form.time);
  const served = form.requestId ? { requestId: form.requestId } : { personId: form.personId };
  const volunteer = form.volunteerId ? { volunteerId: form.volunteerId } : {};
  switch (kind) {
    case 'tutoring':
      if (!form.requestId) return '请选一位孩子的辅导申请';
      if (!form.subject) return '请选辅导的科目';
      return { kind, requestId: form.requestId, at, minutes, subject: form.subject, note } as RecordInput;
    case 'homeVisit':
      if (form.support.length === 0) return '请选提供了哪些帮助';
      return { kind, ...served, ...volunteer, at, minutes, support: form.support, note } as RecordInput;
    case 'haircut':
    case 'homeHaircut':
      return { kind, ...served, ...volunteer, at, minutes, note };
  }
}
