package dev.lambdalens.examples.orders;

import java.util.Map;
import java.util.OptionalLong;

/** What each item costs, in cents. A real shop reads this from a catalogue; a sample keeps it in code. */
public final class PriceList {
    private static final Map<String, Long> UNIT_PRICES_CENTS = Map.of(
            "coffee beans", 1_450L,
            "tea", 890L,
            "espresso machine", 24_900L);

    /** The unit price of an item, or empty when the shop does not sell it. */
    public OptionalLong unitPriceCents(String item) {
        Long price = UNIT_PRICES_CENTS.get(item);
        return price == null ? OptionalLong.empty() : OptionalLong.of(price);
    }
}
