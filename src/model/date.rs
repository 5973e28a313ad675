//! A calendar date without time zone, the only kind of date the policy data and scenarios use.
//! Written by hand so the core does not need a date crate for a handful of day counts.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY-MM-DD.
    Form(String),
    Month(String, u32),
    /// The day does not exist in that month (the month's last day given).
    Day(String, u32, u32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form(t) => write!(f, "`{t}` is not a date of the form YYYY-MM-DD"),
            DateError::Month(t, m) => write!(f, "`{t}`: month {m} is not between 01 and 12"),
            DateError::Day(t, d, max) => {
                write!(f, "`{t}`: day {d} does not exist in that month (1–{max})")
            }
        }
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let t = text.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let bad = || DateError::Form(t.to_string());
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u32 = parts[1].parse().map_err(|_| bad())?;
        let day: u32 = parts[2].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(t.to_string(), month));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(DateError::Day(t.to_string(), day, max));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date {
            year: y as i32,
            month: m as u32,
            day: d as u32,
        }
    }

    /// `other - self` in days.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Today in UTC, from the system clock. Only the UI and CLI call this; the engine takes `today`.
    pub fn today_utc() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap { 29 } else { 28 }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse("2026-04-28"),
            Ok(Date {
                year: 2026,
                month: 4,
                day: 28
            })
        );
        assert!(Date::parse("2026-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("2026-4-28").is_err());
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn counts_days() {
        let a = Date::parse("2026-04-28").unwrap();
        let b = Date::parse("2026-11-28").unwrap();
        assert_eq!(a.days_until(b), 214);
        assert_eq!(a.add_days(30), Date::parse("2026-05-28").unwrap());
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        for d in [-1000, 0, 19_000, 20_500, 60_000] {
            assert_eq!(Date::from_days_since_epoch(d).days_since_epoch(), d);
        }
    }
}
