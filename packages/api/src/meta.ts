// Codecs for the metadata types of apimachinery/pkg/apis/meta/v1/types.go (ObjectMeta,
// OwnerReference, LabelSelector) as the Job controller reads them.
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference } from './types.js';
import { arrayOf, StringMapCodec, struct } from './internal/struct.js';
import { BooleanCodec, Int64Codec, StringCodec } from './internal/scalars.js';
import { TimeCodec } from './time.js';

/** metav1.OwnerReference; apiVersion, kind, name and uid read "" when absent (Go's zero value). */
export const OwnerReferenceCodec = struct<OwnerReference>(
  'OwnerReference',
  {
    apiVersion: StringCodec,
    kind: StringCodec,
    name: StringCodec,
    uid: StringCodec,
    controller: BooleanCodec,
    blockOwnerDeletion: BooleanCodec,
  },
  { apiVersion: () => '', kind: () => '', name: () => '', uid: () => '' },
);

/** metav1.ObjectMeta: the fields jobkit reads; managedFields and the rest are kept as JSON. */
export const ObjectMetaCodec = struct<ObjectMeta>(
  'ObjectMeta',
  {
    name: StringCodec,
    generateName: StringCodec,
    namespace: StringCodec,
    uid: StringCodec,
    resourceVersion: StringCodec,
    // Signed as in Go: ValidateObjectMeta judges generation; a create overwrites both anyway.
    generation: Int64Codec,
    labels: StringMapCodec,
    annotations: StringMapCodec,
    ownerReferences: arrayOf(OwnerReferenceCodec),
    finalizers: arrayOf(StringCodec),
    creationTimestamp: TimeCodec,
    deletionTimestamp: TimeCodec,
    deletionGracePeriodSeconds: Int64Codec,
  },
  {},
);

/** metav1.LabelSelectorRequirement; key and operator read "" when absent. */
export const LabelSelectorRequirementCodec = struct<LabelSelectorRequirement>(
  'LabelSelectorRequirement',
  { key: StringCodec, operator: StringCodec, values: arrayOf(StringCodec) },
  { key: () => '', operator: () => '' },
);

/** metav1.LabelSelector. */
export const LabelSelectorCodec = struct<LabelSelector>(
  'LabelSelector',
  { matchLabels: StringMapCodec, matchExpressions: arrayOf(LabelSelectorRequirementCodec) },
  {},
);
