package io.flexledger.settlement.evm;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link Ganache} node: one per test run, started on first use and stopped (by PID)
 * when the run ends. Declare a {@code Ganache} parameter on a test method or lifecycle method.
 */
public final class GanacheExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GanacheExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Ganache.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store closes the node (AutoCloseable) when the whole run is over.
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("ganache", key -> Ganache.start(), Ganache.class);
    }
}
