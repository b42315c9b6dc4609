import { editingAndPatch } from './lifecycle/editing-and-patch.js';
import { useLifecycleBox } from './lifecycle/fixture.js';
import { promisesAndDone } from './lifecycle/promises.js';
import { visibilityAndSiblings } from './lifecycle/visibility-and-siblings.js';

/**
 * The rules around a listing's life that an audit found gaps in: who sees it
 * after an edit, what a PATCH may change, who may change it, and which
 * listings take a payment or a conversation from another town; and the way
 * back from a promise, and what a done listing is called.
 */

// One box for all, in this order, as the tests were written.
useLifecycleBox();
editingAndPatch();
visibilityAndSiblings();
promisesAndDone();
