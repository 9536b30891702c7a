import { describe, expect, it } from "vitest";
import { addMonths, ageOn, dayNumber, fromDayNumber, isIsoDate, todayInChina } from "../../src/domain/dates.js";

describe("civil dates", () => {
  it("validates ISO dates including leap years", () => {
    expect(isIsoDate("2020-02-29")).toBe(true);
    expect(isIsoDate("2021-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2021-3-1")).toBe(false);
    expect(isIsoDate("2021-13-01")).toBe(false);
  });

  it("counts age in whole years, the birthday included", () => {
    expect(ageOn("1986-12-31", "2021-12-30")).toBe(34);
    expect(ageOn("1986-12-31", "2021-12-31")).toBe(35);
    expect(ageOn("2000-02-29", "2021-02-28")).toBe(20);
  });

  it("adds months clamping to the end of the month", () => {
    expect(addMonths("2021-01-31", 1)).toBe("2021-02-28");
    expect(addMonths("2020-01-31", 1)).toBe("2020-02-29");
    expect(addMonths("2021-11-15", 14)).toBe("2023-01-15");
    expect(addMonths("2021-03-15", -3)).toBe("2020-12-15");
  });

  it("converts between dates and day numbers both ways", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2021-03-01") - dayNumber("2021-02-28")).toBe(1);
    for (const d of ["1900-03-01", "2000-02-29", "2021-12-31", "1969-12-31"])
      expect(fromDayNumber(dayNumber(d))).toBe(d);
  });

  it("takes today in China's time zone whatever the machine's", () => {
    expect(todayInChina(new Date("2021-12-31T16:30:00Z"))).toBe("2022-01-01");
    expect(todayInChina(new Date("2021-12-31T15:59:59Z"))).toBe("2021-12-31");
  });
});
