import type { FieldSpec, RecordInput, RecordKind } from '../../../services/records';

/*
 * The record form, for any kind: its state and its checks, made from the kind's field description
 * (records.kinds), so a new kind needs no new code here. The function checks everything again.
 */

export interface PickedPerson {
  personId: string;
  name: string;
  headcount: number;
}

export interface OccasionForm {
  day: string;
  attendees: PickedPerson[];
  /** People whose names were not taken, as typed. */
  unnamed: string;
}

export interface RecordForm {
  /** Every field's value as typed or picked; numbers too are kept as the text typed. */
  values: Record<string, string>;
  /** The names of the residents picked in person fields, by field. */
  personNames: Record<string, string>;
  occasions: OccasionForm[];
  indicatorId: string;
  documents: string[];
}

export const emptyOccasion = (day: string): OccasionForm => ({ day, attendees: [], unnamed: '' });

export function emptyForm(kind: RecordKind, today: string): RecordForm {
  const values: Record<string, string> = {};
  for (const f of kind.fields) values[f.key] = f.initial === undefined ? '' : String(f.initial);
  return { values, personNames: {}, occasions: [emptyOccasion(today)], indicatorId: '', documents: [...kind.documents] };
}

/** '12月5日' of a 'YYYY-MM-DD'. */
export const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** A field's value to send, or what is wrong with it. */
function fieldValue(f: FieldSpec, raw: string): { value?: string | number; error?: string } {
  const text = raw.trim();
  if (text === '') return f.required ? { error: `${f.type === 'choice' || f.type === 'person' ? '请选' : '请填'}${f.label}` } : {};
  if (f.type === 'number') {
    const n = wholeNumber(text);
    const min = f.min ?? 0;
    const max = f.max ?? 1_000_000;
    if (!(n >= min && n <= max)) return { error: `${f.label}请填 ${min} 到 ${max} 之间的整数` };
    return { value: n };
  }
  if (f.max !== undefined && text.length > f.max) return { error: `${f.label}最多 ${f.max} 个字` };
  return { value: text };
}

/** The record to send, or what is still missing (the first thing, in the form's order). */
export function recordFrom(kind: RecordKind, form: RecordForm, requestKey: string): RecordInput | string {
  const fields: Record<string, string | number> = {};
  for (const f of kind.fields) {
    const { value, error } = fieldValue(f, form.values[f.key] ?? '');
    if (error) return error;
    if (value !== undefined) fields[f.key] = value;
  }
  const { named, unnamed } = kind.attendance;
  const occasions = [];
  for (const o of form.occasions) {
    if (!o.day) return `请选${kind.dayLabel}`;
    const occasion: { day: string; attendees?: { personId: string; headcount: number }[]; unnamed?: number } = { day: o.day };
    if (named) occasion.attendees = o.attendees.map((a) => ({ personId: a.personId, headcount: a.headcount }));
    if (unnamed) {
      const n = o.unnamed.trim() === '' ? 0 : wholeNumber(o.unnamed);
      if (!(n >= 0 && n <= unnamed.max)) return `${shortDay(o.day)}：${unnamed.label}请填 0 到 ${unnamed.max}`;
      occasion.unnamed = n;
    }
    if (kind.attends === 'residents' && (occasion.attendees?.length ?? 0) === 0 && !occasion.unnamed) {
      return `${shortDay(o.day)}：请选到场的居民${unnamed ? '或填人数' : ''}`;
    }
    occasions.push(occasion);
  }
  return {
    kind: kind.id,
    requestKey,
    indicatorId: form.indicatorId || null,
    documents: form.documents,
    occasions,
    ...fields,
  } as RecordInput;
}
