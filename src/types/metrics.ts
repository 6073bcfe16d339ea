// What a piece of the node records into, when it is given metrics (the js-libp2p "Components"
// pattern): an instrument whose labels are already chosen, so that counting on a hot path is one
// call that builds no labels (prom-client's label child still validates and hashes its label values
// on every inc/observe). prom-client's counters, gauges and histograms (and their label children)
// fit these shapes as they are; src/metrics/ hands them out. Pieces given none record nothing and
// pay nothing.

export interface CounterLike {
  inc(value?: number): void;
}

export interface GaugeLike {
  set(value: number): void;
}

/** A histogram: one observation in the histogram's base unit (seconds, bytes, a count). */
export interface ObserverLike {
  observe(value: number): void;
}
