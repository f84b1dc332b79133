import type { KmsFake } from '../../index.js';

/**
 * A stable object that always acts as the fake of the running test, for `fresh` mode, where each test
 * gets a new fake: test code keeps one reference, and every property and method goes to the current fake.
 */
export function followCurrent(current: () => KmsFake): KmsFake {
  return new Proxy(current(), {
    get(_target, property) {
      const fake = current();
      const value: unknown = Reflect.get(fake, property, fake);
      return typeof value === 'function' ? value.bind(fake) : value;
    },
    set(_target, property, value) {
      return Reflect.set(current(), property, value);
    },
    has(_target, property) {
      return Reflect.has(current(), property);
    },
    getPrototypeOf() {
      return Reflect.getPrototypeOf(current());
    },
  });
}
