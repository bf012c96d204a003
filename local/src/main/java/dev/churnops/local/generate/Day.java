package dev.churnops.local.generate;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

/**
 * What holds for everyone on one generated day: its date and time prefix, seasonality, the
 * e-mail campaign sent (if any) and the scenario's effects, all zero-effect before its date.
 */
final class Day {

    final int index;
    final long epochDay;
    final long startSecond;
    final LocalDate date;
    final byte[] prefix;
    /** The campaign sent this day, or null. */
    final byte[] campaign;
    final double sessionSeason;
    final double orderSeason;
    final boolean blackFridayWeekend;

    final double priceFactor;
    final double orderFactor;
    final double hazardFactor;
    /** Extra leaving hazard per unit of price sensitivity. */
    final double priceHazard;
    /** Extra leaving hazard per unit of app preference. */
    final double appHazard;
    final double openFactor;
    final boolean appOutage;
    final boolean competitorPromo;
    final boolean newChannel;

    Day(GeneratorConfig config, int index) {
        this.index = index;
        this.date = config.start().plusDays(index);
        this.epochDay = date.toEpochDay();
        this.startSecond = epochDay * 86_400L;
        this.prefix = RowBuffer.dayPrefix(epochDay);
        int dow = date.getDayOfWeek().getValue() - 1;
        boolean blackFriday = isBlackFriday(date);
        LocalDate friday = blackFridayOf(date.getYear());
        this.blackFridayWeekend = !date.isBefore(friday) && !date.isAfter(friday.plusDays(3));
        double season = ShopModel.WEEKDAY[dow] * ShopModel.MONTH[date.getMonthValue() - 1];
        this.sessionSeason = season * (blackFridayWeekend ? 1.3 : 1.0);
        this.orderSeason = season * (blackFridayWeekend ? ShopModel.BLACK_FRIDAY_ORDERS : 1.0);
        String name = blackFriday ? "black-friday-" + date.getYear()
                : date.getDayOfWeek() == DayOfWeek.TUESDAY ? "weekly-" + date : null;
        this.campaign = name == null ? null : name.getBytes(StandardCharsets.US_ASCII);

        Scenario s = index >= config.scenarioDay() ? config.scenario() : null;
        this.priceFactor = s == Scenario.PRICE_INCREASE ? 1.15 : 1.0;
        this.orderFactor = s == Scenario.PRICE_INCREASE ? 0.8 : s == Scenario.COMPETITOR_PROMO ? 0.85 : 1.0;
        this.hazardFactor = s == Scenario.COMPETITOR_PROMO ? 2.2 : 1.0;
        this.priceHazard = s == Scenario.PRICE_INCREASE ? 1.5 : 0.0;
        this.appHazard = s == Scenario.APP_OUTAGE ? 1.5 : 0.0;
        this.openFactor = s == Scenario.COMPETITOR_PROMO ? 0.7 : 1.0;
        this.appOutage = s == Scenario.APP_OUTAGE;
        this.competitorPromo = s == Scenario.COMPETITOR_PROMO;
        this.newChannel = s == Scenario.NEW_ACQUISITION_CHANNEL;
    }

    static LocalDate blackFridayOf(int year) {
        LocalDate first = LocalDate.of(year, Month.NOVEMBER, 1);
        int toFriday = (DayOfWeek.FRIDAY.getValue() - first.getDayOfWeek().getValue() + 7) % 7;
        return first.plusDays(toFriday + 21L);
    }

    static boolean isBlackFriday(LocalDate date) {
        return date.equals(blackFridayOf(date.getYear()));
    }
}
