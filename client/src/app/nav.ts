/** A route that shows in the main navigation carries its link text in its `handle`. */
export type NavHandle = { nav: string };
