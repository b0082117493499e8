// What the UI calls each kind of thing, in one place.
import type { MethodKindName } from '../../../shared/domain/contact';
import type { Direction, InteractionKind } from '../../../shared/domain/interaction';

export const METHOD_KIND_LABELS: Record<MethodKindName, string> = { email: 'Email', phone: 'Phone', address: 'Address', website: 'Website', social: 'Social' };

export const KIND_LABELS: Record<InteractionKind, string> = {
  call: 'Call',
  video: 'Video',
  meeting: 'Meeting',
  coffee: 'Coffee',
  message: 'Message',
  email: 'Email',
  social: 'Social',
  other: 'Other',
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  outbound: 'I reached out',
  inbound: 'They reached out',
  mutual: 'Mutual',
};
