import { describe } from 'vitest';
import { deletingWhatGroupsHold } from './groups/deleting.js';
import { useGroupsBox } from './groups/fixture.js';
import { inFrench } from './groups/in-french.js';
import { membership } from './groups/membership.js';
import { visibilityAndEditing } from './groups/visibility-and-editing.js';

describe('groups', () => {
  // One box for all, in this order, as the tests were written.
  useGroupsBox();
  membership();
  visibilityAndEditing();
  deletingWhatGroupsHold();
  inFrench();
});
