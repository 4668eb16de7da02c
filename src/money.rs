//! Amounts and currencies. Amounts are decimals, never binary floats: `49.99` goes to the
//! API as exactly `49.99`. Shared by the client (input checks) and the sandbox (the same
//! rules, answered with the API's error codes).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::printable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Btc,
    Sats,
}

pub const CURRENCIES: &str = "USD, EUR, GBP, BTC or sats";

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Btc,
        Currency::Sats,
    ];

    /// The spelling the API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Btc => "BTC",
            Currency::Sats => "sats",
        }
    }

    /// How many decimal places an amount in this currency may have.
    pub fn max_scale(self) -> u32 {
        match self {
            Currency::Usd | Currency::Eur | Currency::Gbp => 2,
            Currency::Btc => 8,
            Currency::Sats => 0,
        }
    }

    pub fn is_fiat(self) -> bool {
        matches!(self, Currency::Usd | Currency::Eur | Currency::Gbp)
    }

    /// A valid amount to show in messages.
    pub fn example_amount(self) -> &'static str {
        match self {
            Currency::Usd | Currency::Eur | Currency::Gbp => "49.99",
            Currency::Btc => "0.0005",
            Currency::Sats => "50000",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Currency {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Currency::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| format!("unknown currency '{}': use {CURRENCIES}", printable(s)))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Why an amount was refused, phrased so that it reads after "amount ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    NotANumber(String),
    NotPositive,
    TooManyDecimals { scale: u32, currency: Currency },
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotANumber(why) => f.write_str(why),
            AmountError::NotPositive => f.write_str("must be greater than 0"),
            AmountError::TooManyDecimals { scale, currency } => {
                let max = currency.max_scale();
                if max == 0 {
                    write!(f, "must be a whole number of {currency}")
                } else {
                    write!(
                        f,
                        "has {scale} decimal places; {currency} takes at most {max}"
                    )
                }
            }
            AmountError::TooLarge => f.write_str("is too large"),
        }
    }
}

/// Parses a plain decimal (`49.99`, `0.00000001`, `50000`) strictly: no sign, exponent,
/// thousands separator or spaces, so that what the user typed is what is charged.
pub fn parse_decimal(text: &str) -> Result<Decimal, AmountError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(AmountError::NotANumber("is empty".into()));
    }
    if s.contains(',') {
        let hint = if s.matches(',').count() == 1 && !s.contains('.') {
            format!("; write {} with a dot", s.replace(',', "."))
        } else {
            "; write it without thousands separators".into()
        };
        return Err(AmountError::NotANumber(format!(
            "'{}' is not a plain decimal number{hint}",
            printable(s)
        )));
    }
    if s.starts_with('-') {
        return Err(AmountError::NotPositive);
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let well_formed = match frac {
        Some(f) => (digits(int) || int.is_empty()) && digits(f),
        None => digits(int),
    };
    if !well_formed {
        return Err(AmountError::NotANumber(format!(
            "'{}' is not a plain decimal number",
            printable(s)
        )));
    }
    let value = Decimal::from_str_exact(s).map_err(|_| AmountError::TooLarge)?;
    Ok(value.normalize())
}

/// Checks a decimal against a currency's rules and returns it normalised (`49.90` → `49.9`).
pub fn check_amount(value: Decimal, currency: Currency) -> Result<Decimal, AmountError> {
    let value = value.normalize();
    if value <= Decimal::ZERO {
        return Err(AmountError::NotPositive);
    }
    if value.scale() > currency.max_scale() {
        return Err(AmountError::TooManyDecimals {
            scale: value.scale(),
            currency,
        });
    }
    // 21 million BTC is every bitcoin there will ever be; a trillion of a fiat currency
    // is past any payment a till takes.
    let max = match currency {
        Currency::Btc => Decimal::from(21_000_000u64),
        Currency::Sats => Decimal::from(2_100_000_000_000_000u64),
        _ => Decimal::from(1_000_000_000_000u64),
    };
    if value > max {
        return Err(AmountError::TooLarge);
    }
    Ok(value)
}

pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, AmountError> {
    check_amount(parse_decimal(text)?, currency)
}

/// Converts an amount to whole satoshis at `btc_price` (units of `currency` per BTC),
/// rounding half up. `None` when the result is not representable.
pub fn to_sats(amount: Decimal, currency: Currency, btc_price: Option<Decimal>) -> Option<u64> {
    let sats = match currency {
        Currency::Sats => amount,
        Currency::Btc => amount.checked_mul(Decimal::from(100_000_000u64))?,
        _ => amount
            .checked_mul(Decimal::from(100_000_000u64))?
            .checked_div(btc_price?)?,
    };
    let rounded =
        sats.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    u64::try_from(rounded).ok()
}

/// What `part` of a payment of `total` (worth `total_sats`) is worth in sats, rounded
/// down: a refund's share. Rounding down means that refunds, however the payment is split
/// among them, never add up to more sats than were paid. `None` when it cannot be
/// computed (zero total, overflow).
pub fn share_of_sats(part: Decimal, total: Decimal, total_sats: u64) -> Option<u64> {
    if total.is_zero() {
        return None;
    }
    let v = part
        .checked_mul(Decimal::from(total_sats))?
        .checked_div(total)?
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::ToZero);
    u64::try_from(v).ok()
}

/// A number with its currency's decimals and thousands grouped: `4.20 USD`,
/// `1,000,000.00 EUR`, `0.00100000 BTC`, `1,250 sats`. Never rounded: an amount with
/// more decimals than its currency takes is shown with all of them.
pub fn shown(amount: &str, currency: &str) -> String {
    // The decimals of a currency le takes payments in; any other (a server's JPY) is
    // shown as written, grouped but never padded to decimals it may not have.
    let decimals = currency.parse::<Currency>().ok().map(Currency::max_scale);
    let parsed = amount.trim().parse::<Decimal>().ok();
    let text = match (parsed, decimals) {
        (Some(d), Some(places)) if d.scale() <= places => {
            let mut d = d;
            d.rescale(places);
            grouped(&d.to_string())
        }
        (Some(d), _) => grouped(&d.to_string()),
        (None, _) => amount.to_owned(),
    };
    if currency.is_empty() {
        text
    } else {
        format!("{text} {currency}")
    }
}

/// `1234567.5` → `1,234,567.5`.
pub fn grouped(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let int = match int.parse::<u64>() {
        Ok(n) => group_thousands(n),
        Err(_) => int.to_owned(),
    };
    match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    }
}

/// Formats a whole number with thousands separators: `49990` → `49,990`.
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The currencies the API quotes a rate for (price of 1 BTC). Payments are taken in USD,
/// EUR and GBP of these; the others are for showing prices.
pub const RATE_CURRENCIES: [&str; 10] = [
    "USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "CNY", "INR", "BRL",
];

/// The currency code of a rate, in the API's spelling, whatever the case it was given in.
pub fn rate_currency(code: &str) -> Option<&'static str> {
    RATE_CURRENCIES
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(code.trim()))
}

/// Fixed exchange rates (price of 1 BTC): the sandbox's, so that its amounts are
/// predictable, and `le webhook send`'s example amounts in sats.
#[derive(Debug, Clone)]
pub struct Rates(BTreeMap<&'static str, Decimal>);

impl Default for Rates {
    fn default() -> Self {
        Rates(BTreeMap::from([
            ("USD", Decimal::from(100_000)),
            ("EUR", Decimal::from(92_000)),
            ("GBP", Decimal::from(80_000)),
            ("CAD", Decimal::from(137_000)),
            ("AUD", Decimal::from(152_000)),
            ("JPY", Decimal::from(15_000_000)),
            ("CHF", Decimal::from(88_000)),
            ("CNY", Decimal::from(720_000)),
            ("INR", Decimal::from(8_300_000)),
            ("BRL", Decimal::from(500_000)),
        ]))
    }
}

impl Rates {
    /// Reads overrides like `USD=65000,EUR=60000.50`.
    pub fn parse_overrides(text: &str) -> Result<Rates, String> {
        let mut rates = Rates::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (cur, value) = part
                .split_once('=')
                .ok_or_else(|| format!("rate '{part}' should look like USD=100000"))?;
            let cur = rate_currency(cur).ok_or_else(|| {
                format!(
                    "no rate for '{}': rates exist for {}",
                    printable(cur.trim()),
                    RATE_CURRENCIES.join(", ")
                )
            })?;
            let v = parse_decimal(value)
                .ok()
                .filter(|v| *v > Decimal::ZERO)
                .ok_or_else(|| {
                    format!("rate for {cur} should be a positive number, not '{value}'")
                })?;
            rates.0.insert(cur, v);
        }
        Ok(rates)
    }

    pub fn price(&self, c: Currency) -> Option<Decimal> {
        self.0.get(c.as_str()).copied()
    }

    /// The price of 1 BTC in one of `RATE_CURRENCIES`.
    pub fn price_in(&self, code: &str) -> Option<Decimal> {
        self.0.get(code).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&&'static str, &Decimal)> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, c: Currency) -> String {
        parse_amount(s, c).unwrap().to_string()
    }

    #[test]
    fn accepts_exact_decimals() {
        assert_eq!(ok("49.99", Currency::Usd), "49.99");
        assert_eq!(ok("49.90", Currency::Usd), "49.9");
        assert_eq!(ok(".5", Currency::Eur), "0.5");
        assert_eq!(ok("0.00000001", Currency::Btc), "0.00000001");
        assert_eq!(ok("50000", Currency::Sats), "50000");
        assert_eq!(ok("1.0", Currency::Sats), "1");
    }

    #[test]
    fn refuses_what_is_not_money() {
        for bad in [
            "0", "-1", "1e309", "NaN", "inf", "12,50", "1,000.00", "", " ", "1.", "+5", "0x10",
            "1 000",
        ] {
            assert!(
                parse_amount(bad, Currency::Usd).is_err(),
                "{bad:?} accepted"
            );
        }
        assert!(matches!(
            parse_amount("49.999", Currency::Usd),
            Err(AmountError::TooManyDecimals { scale: 3, .. })
        ));
        assert!(parse_amount("0.000000001", Currency::Btc).is_err());
        assert!(parse_amount("1.5", Currency::Sats).is_err());
        assert!(parse_amount("99999999999999999999999999999999", Currency::Usd).is_err());
    }

    #[test]
    fn comma_decimal_gets_a_hint() {
        let e = parse_amount("12,50", Currency::Usd)
            .unwrap_err()
            .to_string();
        assert!(e.contains("12.50"), "{e}");
    }

    #[test]
    fn currencies_any_case() {
        assert_eq!("usd".parse::<Currency>().unwrap(), Currency::Usd);
        assert_eq!("SATS".parse::<Currency>().unwrap(), Currency::Sats);
        assert!("XBT".parse::<Currency>().is_err());
    }

    #[test]
    fn sats_conversion_rounds_half_up() {
        let p = Some(Decimal::from(100_000));
        assert_eq!(
            to_sats(Decimal::new(4999, 2), Currency::Usd, p),
            Some(49_990)
        );
        assert_eq!(to_sats(Decimal::new(1, 8), Currency::Btc, None), Some(1));
        assert_eq!(to_sats(Decimal::new(5, 1), Currency::Sats, None), Some(1));
        assert_eq!(group_thousands(49_990), "49,990");
        assert_eq!(group_thousands(100), "100");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn shares_round_down_and_never_add_up_to_more() {
        // Three thirds of 5 sats: 1 each, never 2 each (6 > 5).
        let third = Decimal::new(1, 2);
        let total = Decimal::new(3, 2);
        assert_eq!(share_of_sats(third, total, 5), Some(1));
        assert_eq!(share_of_sats(total, total, 5), Some(5));
        assert_eq!(share_of_sats(third, Decimal::ZERO, 5), None);
    }

    #[test]
    fn rate_overrides() {
        let r = Rates::parse_overrides("usd=65000, EUR=60000.5").unwrap();
        assert_eq!(r.price(Currency::Usd), Some(Decimal::from(65000)));
        assert_eq!(r.price(Currency::Gbp), Some(Decimal::from(80000)));
        assert!(Rates::parse_overrides("BTC=1").is_err());
        let r = Rates::parse_overrides("jpy=16000000").unwrap();
        assert_eq!(r.price_in("JPY"), Some(Decimal::from(16_000_000)));
        assert_eq!(r.iter().count(), RATE_CURRENCIES.len());
        assert!(Rates::parse_overrides("USD").is_err());
        assert!(Rates::parse_overrides("USD=-5").is_err());
    }
}
