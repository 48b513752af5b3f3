/**
 * The measured clients, named by {@link io.reductor.bench.clients.Client}: one main class per client and scenario for
 * Reductor ({@code Reductor*}) and for a minimal hand-written Reactor Netty client ({@code RawNetty*}), each speaking
 * {@link io.reductor.bench.harness.ChildMain}'s protocol, and {@link io.reductor.bench.clients.TypeScriptSdk}, the
 * glue to the official TypeScript SDK's Node script.
 */
package io.reductor.bench.clients;
