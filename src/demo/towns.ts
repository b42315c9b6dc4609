import { DISS } from './diss.data.js';
import { EYE } from './eye.data.js';
import { HARLESTON } from './harleston.data.js';
import type { DemoTown } from './town.js';

/** The demo towns, Diss first (the default, and the first box of `marketcross demo --region`). */
export const DEMO_TOWNS: readonly DemoTown[] = [DISS, EYE, HARLESTON];

/** The demo town `--town` names (any case), or undefined. */
export function findDemoTown(name: string): DemoTown | undefined {
  const key = name.trim().toLowerCase();
  return DEMO_TOWNS.find((t) => t.key === key);
}
