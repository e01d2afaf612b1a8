/**
 * Loading strategies at run time: {@link dev.arb.strategy.source.StrategyCompiler} compiles one Java
 * source file in-process (or loads a class by name) into a {@link dev.arb.strategy.api.Strategy}, each
 * compilation in its own class loader so that successive versions coexist and old ones can be
 * collected; {@link dev.arb.strategy.source.StrategySourceWatcher} reports each settled save of that
 * file. Failures are {@link dev.arb.strategy.source.StrategyLoadException}s with one line per problem.
 *
 * <p>Only the JDK is used ({@code javax.tools}, {@code java.nio.file}); compiling needs a JDK, not a JRE.
 */
package dev.arb.strategy.source;
