/**
 * How long the box keeps a flash (the words a form's 303 leaves for the page it leads to, shown again on a reload):
 * ten minutes. Written here rather than imported from src/http/flash.ts because tests see the box from outside, over
 * HTTP; a box that kept them longer or shorter would fail the tests that wait this long.
 */
export const FLASH_MINUTES = 10;
