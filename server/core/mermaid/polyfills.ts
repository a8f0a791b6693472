// mermaid 12.3 targets Node >= 22 but the worker also runs in VS Code's extension host, whose Node may be 20.
// The only newer built-in its parsers use is Object.groupBy (usecase diagrams); without it, valid diagrams would
// be reported as broken ("Object.groupBy is not a function").
type GroupBy = <T, K extends PropertyKey>(
  items: Iterable<T>,
  key: (item: T, index: number) => K,
) => Partial<Record<K, T[]>>;

const objectWithGroupBy = Object as unknown as { groupBy?: GroupBy };

if (typeof objectWithGroupBy.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function groupBy<T>(
      items: Iterable<T>,
      key: (item: T, index: number) => PropertyKey,
    ): Record<PropertyKey, T[]> {
      const groups = Object.create(null) as Record<PropertyKey, T[]>;
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups[k];
        if (group) group.push(item);
        else groups[k] = [item];
      }
      return groups;
    },
  });
}

export {};
