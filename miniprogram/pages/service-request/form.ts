import type { FormOptions, KindId, RequestInput } from '../../services/services';

/*
 * The request form's checks, made before anything is sent so the resident hears at once what is
 * missing; the services function checks the same again (its zod contract).
 */

export interface RequestForm {
  slotId: string;
  preferredTimes: string[];
  childName: string;
  grade: string;
  subjects: string[];
  support: string[];
  note: string;
}

export const emptyForm = (): RequestForm => ({ slotId: '', preferredTimes: [], childName: '', grade: '', subjects: [], support: [], note: '' });

export const MAX_NOTE = 200;
export const MAX_CHILD_NAME = 10;

/** Adds the value when absent, removes it when present: a tap on a choice. */
export const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** The choices a kind's form offers, each with whether it is picked, for the page to draw. */
export function choicesOf(kind: KindId, options: FormOptions, form: RequestForm) {
  const mark = (values: string[], picked: string[]) => values.map((value) => ({ value, on: picked.includes(value) }));
  return {
    preferredTimes: mark(kind === 'tutoring' ? options.weekendTimes : options.homeTimes, form.preferredTimes),
    grades: mark(options.grades, [form.grade]),
    subjects: mark(options.subjects, form.subjects),
    support: mark(options.supportKinds, form.support),
  };
}

/** The request to send, or what the resident still has to fill in. */
export function requestFrom(kind: KindId, form: RequestForm): RequestInput | string {
  const note = form.note.trim();
  if (note.length > MAX_NOTE) return `补充说明最多 ${MAX_NOTE} 个字`;
  switch (kind) {
    case 'haircut':
      return form.slotId ? { kind, slotId: form.slotId } : '请选一个时段';
    case 'homeHaircut':
      if (form.preferredTimes.length === 0) return '请选希望上门的时间';
      return { kind, preferredTimes: form.preferredTimes, note } as RequestInput;
    case 'tutoring': {
      const childName = form.childName.trim();
      if (!childName) return '请填写孩子的称呼，比如 小明';
      if (childName.length > MAX_CHILD_NAME) return `称呼最多 ${MAX_CHILD_NAME} 个字`;
      if (!form.grade) return '请选孩子的年级';
      if (form.subjects.length === 0) return '请选要辅导的科目';
      if (form.preferredTimes.length === 0) return '请选方便的时间';
      return { kind, childName, grade: form.grade, subjects: form.subjects, preferredTimes: form.preferredTimes, note } as RequestInput;
    }
    case 'homeVisit':
      if (form.support.length === 0) return '请选需要哪些帮助';
      if (form.preferredTimes.length === 0) return '请选希望上门的时间';
      return { kind, support: form.support, preferredTimes: form.preferredTimes, note } as RequestInput;
  }
}
