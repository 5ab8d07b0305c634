import type { ActivitiesContract } from './activities/contract';
import type { GroupsContract } from './groups/contract';
import type { RecordsContract } from './records/contract';
import type { ServicesContract } from './services/contract';
import type { StatsContract } from './stats/contract';
import type { UsersContract } from './users/contract';
import type { InputOf, OutputOf } from './_shared/contract';

/** Every cloud function's contract by name: the one source of the client's types. */
export interface Contracts {
  activities: ActivitiesContract;
  groups: GroupsContract;
  records: RecordsContract;
  services: ServicesContract;
  stats: StatsContract;
  users: UsersContract;
}
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = InputOf<Contracts[F], A>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<Contracts[F], A>;
export type { Reply } from './_shared/reply';
