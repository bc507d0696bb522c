package dev.baton.testing;

import dev.baton.kb.Article;
import java.util.List;

/** A small knowledge base written for tests: four English articles and one Japanese. */
public final class FixtureArticles {
    private FixtureArticles() {}

    public static final Article POINTS = new Article("earning-points", "How customers earn points", """
            Customers earn points for every order they place in your store.

            ## Points per order
            By default a customer earns 1 point for every dollar spent. You can change the rate in \
            Settings → Points. Taxes and shipping never earn points.

            ## Bonus points
            Customers also earn 50 points when they create an account and 100 points on their birthday. \
            Bonus points appear in the customer's balance within a minute.
            """, List.of("points"), "en", List.of("how do customers earn points", "what is the points rate"));

    public static final Article CANCEL = new Article("cancel-subscription", "Cancelling your subscription", """
            You can cancel your plan yourself at any time. There is no cancellation fee.

            To cancel:

            1. Open Settings → Billing.
            2. Click **Cancel subscription**.
            3. Choose a reason and confirm.

            Your rewards program stays live until the end of the billing period. After that, points stop \
            being awarded but customers keep their balances for 90 days.
            """, List.of("billing"), "en", List.of("how do I cancel my plan", "is there a cancellation fee"));

    public static final Article SHOPIFY = new Article("shopify-integration", "Shopify integration", """
            Install the app from the Shopify App Store and approve the permissions. Orders sync every five \
            minutes. If the widget does not appear, enable the theme app embed in the theme editor.
            """, List.of("integrations"), "en", List.of("how do I connect shopify"));

    public static final Article POINTS_MISSING = new Article("points-missing", "Points missing for an order", """
            Points are added when an order is marked as paid. Orders that are still pending, or were paid with a \
            gift card, earn no points.

            If points are still missing ten minutes after payment, open Customers, find the customer and press \
            Sync orders.
            """, List.of("troubleshooting"), "en", List.of("my points aren't showing up",
            "a customer didn't get points for an order", "points missing after purchase"));

    public static final Article POINTS_EXPIRY_JA = new Article("ja-points-expiry", "ポイントの有効期限", """
            ポイントの有効期限は、最後の購入日から12か月です。有効期限は「設定 → ポイント → 有効期限」で変更できます。

            期限の30日前に、お客様へ自動でお知らせメールが送られます。
            """, List.of("points"), "ja", List.of("ポイントの有効期限はいつですか", "ポイントはいつ失効しますか"));

    public static List<Article> all() {
        return List.of(POINTS, CANCEL, SHOPIFY, POINTS_MISSING, POINTS_EXPIRY_JA);
    }
}
