import { listingJobs } from '../listings/listings.jobs.js';
import type { Job } from './scheduler.js';

/** Every job the box runs; `marketcross serve` schedules them. */
export const allJobs: readonly Job[] = [...listingJobs];
