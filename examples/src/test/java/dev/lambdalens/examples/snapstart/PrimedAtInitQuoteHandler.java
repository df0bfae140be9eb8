package dev.lambdalens.examples.snapstart;

/**
 * The quote handler with its priming run in the constructor, that is during init, as it runs before the
 * snapshot in Lambda: lets a local run see what priming writes and sends, without a CRaC-capable JVM.
 */
public class PrimedAtInitQuoteHandler extends QuoteHandler {
    public PrimedAtInitQuoteHandler() {
        prime();
    }
}
