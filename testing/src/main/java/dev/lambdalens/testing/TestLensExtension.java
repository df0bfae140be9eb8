package dev.lambdalens.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh {@link TestLens} with the default environment for every test, injected as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(TestLensExtension.class)
 * class OrdersHandlerTest {
 *     @Test
 *     void recordsTheOrderValue(TestLens lens) { ... }
 * }
 * }</pre>
 *
 * A test that needs another environment builds its own with {@link TestLens#builder()}.
 */
public final class TestLensExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestLensExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(TestLens.class, TestLens.create());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestLens.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestLens lens = extensionContext.getStore(NAMESPACE).get(TestLens.class, TestLens.class);
        if (lens == null) {
            lens = TestLens.create();
            extensionContext.getStore(NAMESPACE).put(TestLens.class, lens);
        }
        return lens;
    }
}
