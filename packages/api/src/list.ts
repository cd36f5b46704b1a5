// Codecs for lists as the API returns them (JobList / PodList, or a generic `kind: List`,
// apimachinery/pkg/apis/meta/v1 List): `items` decoded, list metadata kept as JSON.
import type { Job, Pod } from './types.js';
import { JobCodec } from './job.js';
import { PodCodec } from './pod.js';
import { arrayOf, struct } from './internal/struct.js';
import { oneOf } from './internal/literal.js';
import { NonNegativeInt64Codec, StringCodec } from './internal/scalars.js';

/** metav1.ListMeta: resourceVersion and continue modelled, the rest kept as JSON. */
export interface ListMeta {
  readonly resourceVersion?: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
  readonly [key: string]: unknown;
}

/** metav1.ListMeta codec. */
export const ListMetaCodec = struct<ListMeta>(
  'ListMeta',
  { resourceVersion: StringCodec, continue: StringCodec, remainingItemCount: NonNegativeInt64Codec },
  {},
);

/** A batch/v1 JobList or a `kind: List` of Jobs. */
export interface JobList {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ListMeta;
  readonly items: readonly Job[];
}

/** A v1 PodList or a `kind: List` of Pods. */
export interface PodList {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ListMeta;
  readonly items: readonly Pod[];
}

/** JobList / List codec; items read [] when absent. */
export const JobListCodec = struct<JobList>(
  'JobList',
  { apiVersion: StringCodec, kind: oneOf('JobListKind', ['JobList', 'List']), metadata: ListMetaCodec, items: arrayOf(JobCodec) },
  { items: () => [] },
);

/** PodList / List codec; items read [] when absent. */
export const PodListCodec = struct<PodList>(
  'PodList',
  { apiVersion: StringCodec, kind: oneOf('PodListKind', ['PodList', 'List']), metadata: ListMetaCodec, items: arrayOf(PodCodec) },
  { items: () => [] },
);
