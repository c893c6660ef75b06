/**
 * Makes the plain-Java application services beans, one producer class per feature. Each producer's bean types
 * are the service and every use-case interface it implements, so adapters inject the use case they need.
 * Transactions are opened by the services through the {@code UnitOfWork} port (see docs/adr/0002).
 */
package circles.bootstrap.wiring;
