import { describe, expect, it } from "vitest";
import { addMonths, ageOn, daysBetween } from "../../src/domain/dates.js";
import type { Reserve } from "../../src/domain/model.js";
import { inPool } from "../../src/domain/pool.js";
import { idFacts } from "../../src/domain/resident-id.js";
import { BUILTIN } from "../../src/domain/vocabulary-set.js";

const educationRank = (e: string) => BUILTIN.educationRank(e);
const isPartyMember = (p: string) => BUILTIN.partyMember(p);
import { sampleInMemory, sampleLibrary, SAMPLE_DATE } from "./helpers.js";

/**
 * The sample must be clean for the audit's rules apart from what is planted, so that a rule's test
 * can plant its own gap and expect to find exactly that, and the audit of the sample finds exactly
 * the planted gaps. These checks state the rules as plainly as possible, independently of
 * src/rules/; each one names the records that break it, and those must be exactly the planted ones.
 */
describe("the sample is clean but for its planted gaps", () => {
  const lib = () => sampleLibrary();
  const policy = () => lib().district.policy;
  const people = () => lib().books.flatMap((b) => b.reserves.map((r) => ({ r, village: b.village })));
  const pool = () => people().filter(({ r }) => inPool(r, SAMPLE_DATE));
  const plantedPeople = (kind: string) =>
    new Set(
      sampleInMemory()
        .planted.filter((g) => g.kind === kind)
        .map((g) => g.person),
    );
  /** The records carrying the planted gaps of these kinds, sorted. */
  const planted = (...kinds: string[]) =>
    sampleInMemory()
      .planted.filter((g) => kinds.includes(g.kind))
      .map((g) => g.person!)
      .sort();
  const broken = (list: { r: Reserve }[], ok: (r: Reserve) => boolean) =>
    list
      .filter(({ r }) => !ok(r))
      .map(({ r }) => r.id)
      .sort();

  it("gives every in-pool reserve a current mentor of an allowed role, each mentor guiding one reserve", () => {
    const roles = policy().mentoring.roles;
    expect(
      broken(pool(), (r) => {
        const current = (r.mentors ?? []).filter((m) => m.from <= SAMPLE_DATE && m.to === undefined);
        const mode = current.length > 1 ? "多带一" : "一带一";
        return current.length > 0 && current.every((m) => roles.includes(m.role) && m.mode === mode);
      }),
    ).toEqual([...planted("mentor-missing"), ...planted("mentor-post-unknown")].sort());
    // Every mentor guides one reserve: but for the planted overloaded mentor, and the people
    // entered twice, whose second records have mentors of their own.
    const mentors = people().flatMap(({ r }) => (r.mentors ?? []).map((m) => m.name));
    const shared = mentors.filter((m, i) => mentors.indexOf(m) !== i);
    const overloaded = people().filter(({ r }) => plantedPeople("mentor-overloaded").has(r.id));
    expect(shared).toEqual(overloaded.map(({ r }) => r.mentors![0]!.name));
    const reserveNames = new Set(people().map(({ r }) => r.name));
    expect(mentors.filter((m) => reserveNames.has(m))).toEqual([]);
    const many = pool().filter(({ r }) => (r.mentors ?? []).length > 1).length;
    expect(many).toBeGreaterThan(10);
    expect(many).toBeLessThan(pool().length / 4);
  });

  it("has every in-pool reserve attend at least the policy's minimum of the year's sessions, all of them defined", () => {
    const sessions = new Map(lib().trainings[0]!.sessions.map((s) => [s.id, s]));
    const attended = (r: Reserve) => (r.trainings ?? []).filter((id) => sessions.has(id));
    expect(broken(pool(), (r) => attended(r).length >= policy().training.min_sessions)).toEqual(
      planted("training-below-min"),
    );
    expect(broken(people(), (r) => (r.trainings ?? []).every((id) => sessions.has(id)))).toEqual(
      planted("training-session-undefined"),
    );
    // Nobody attends before entering the pool or after leaving it.
    expect(
      broken(people(), (r) => {
        const left = r.status === "在库" ? undefined : r.status_changes?.at(-1)?.date;
        return attended(r).every((id) => {
          const date = sessions.get(id)!.date;
          return r.entry_date !== undefined && date >= r.entry_date && (left === undefined || date < left);
        });
      }),
    ).toEqual([]);
  });

  it("keeps selection steps in order, entry on or after the county review, and dates in the selection year", () => {
    expect(
      broken(people(), (r) => {
        const { survey, township, county } = r.selection;
        if (survey === undefined || township === undefined || survey > township) return false;
        if (county === undefined) return r.entry_date === undefined;
        return township <= county && r.entry_date !== undefined && county <= r.entry_date;
      }),
    ).toEqual(planted("selection-step-missing", "selection-out-of-order"));
    // Only the planted internal selection lacks a step.
    expect(broken(people(), (r) => r.intake !== "内选" || r.selection.survey !== undefined)).toEqual(
      planted("selection-step-missing"),
    );
    const entries = pool().map(({ r }) => r.entry_date!);
    expect(entries.every((d) => d >= "2020-12-01" && d <= "2021-01-15")).toBe(true);
  });

  it("keeps everybody within the age limits on the audit day and on the election day", () => {
    const { age } = policy();
    const election = policy().election.date!;
    const outside = (day: string) =>
      broken(people(), (r) => {
        const years = ageOn(idFacts(r.id_number).birth, day);
        const max = Math.min(age.max, age.max_by_education?.[r.education] ?? age.max);
        return years >= age.min && years <= max;
      });
    const ages = planted("age-below-min", "age-above-max");
    expect(outside(SAMPLE_DATE)).toEqual(ages);
    // A month earlier the one over the limit may not have had the birthday that takes them over.
    expect(outside(election).every((id) => ages.includes(id))).toBe(true);
    const years = people().map(({ r }) => ageOn(idFacts(r.id_number).birth, SAMPLE_DATE));
    expect(years.filter((a) => a >= 25 && a <= 45).length / years.length).toBeGreaterThan(0.9);
  });

  it("has nobody below the education floor except the planted ones", () => {
    const floor = educationRank(policy().education_floor);
    const below = people().filter(({ r }) => educationRank(r.education) < floor);
    expect(new Set(below.map(({ r }) => r.id))).toEqual(plantedPeople("education-below-floor"));
  });

  it("keeps party development on time and consistent with the political status", () => {
    const months = policy().party_stage_months;
    expect(
      broken(people(), (r) => {
        const steps = r.party ?? [];
        const last = steps.at(-1);
        if (r.political_status === "中共预备党员" && last?.stage !== "预备党员") return false;
        if (!isPartyMember(r.political_status) && (last?.stage === "预备党员" || last?.stage === "党员")) return false;
        if (r.political_status === "共青团员" && ageOn(idFacts(r.id_number).birth, SAMPLE_DATE) > 28) return false;
        const order = ["入党申请人", "入党积极分子", "发展对象", "预备党员", "党员"];
        for (let i = 1; i < steps.length; i++) {
          if (steps[i]!.date <= steps[i - 1]!.date) return false;
          if (order.indexOf(steps[i]!.stage) !== order.indexOf(steps[i - 1]!.stage) + 1) return false;
        }
        if (last === undefined || r.political_status === "中共党员") return true;
        const limit = months[last.stage];
        return limit === undefined || addMonths(last.date, limit) >= SAMPLE_DATE;
      }),
    ).toEqual(planted("party-stage-overdue"));
    const nonMembers = people().filter(({ r }) => !isPartyMember(r.political_status));
    expect(broken(nonMembers, (r) => r.party !== undefined)).toEqual(planted("party-stage-missing"));
  });

  it("has every in-pool reserve screened by every department within the window before the election", () => {
    const { departments, window_days } = policy().screening;
    const election = policy().election.date!;
    expect(
      broken(pool(), (r) => {
        const s = r.screening ?? [];
        return (
          departments.every((d) => s.some((a) => a.department === d)) &&
          s.every((a) => a.result === "通过" && a.date <= election && daysBetween(a.date, election) <= window_days)
        );
      }),
    ).toEqual(planted("screening-missing", "screening-failed", "screening-stale"));
  });

  it("records a dated, reasoned change for every status, and ends mentors and posts when people leave", () => {
    expect(
      broken(people(), (r) => {
        const changes = r.status_changes ?? [];
        if (r.selection.county === undefined) {
          return changes.length === 1 && changes[0]!.date === r.selection.township && r.status === "在库";
        }
        if (changes[0]?.status !== "在库" || changes[0].reason !== "县级审核通过") return false;
        if (changes[0].date !== r.entry_date) return false;
        if (!changes.every((c) => c.date !== undefined && c.reason !== undefined)) return false;
        if (r.status === "在库") return changes.length === 1;
        const left = changes.at(-1)!.date!;
        return [...(r.mentors ?? []), ...(r.posts ?? [])].every((x) => x.to === left);
      }),
    ).toEqual(planted("status-change-missing", "status-change-no-date", "status-change-no-reason"));
  });

  it("gives party-only posts to party members and practice posts in the working year", () => {
    expect(
      broken(people(), (r) => {
        const party = isPartyMember(r.political_status);
        if (r.target_post === "村党组织书记" && !party) return false;
        return (r.posts ?? []).every((p) => p.from.startsWith("2021") && (p.post !== "党小组长" || party));
      }),
    ).toEqual(planted("practice-post-missing"));
    // 定岗锻炼 for everybody in the pool.
    expect(broken(pool(), (r) => (r.posts ?? []).some((p) => p.to === undefined))).toEqual(
      planted("practice-post-missing"),
    );
  });

  it("has the 2021 evaluation of everybody in the pool since 2020, graded by the policy's formula and kept; those it adjusted out left that day", () => {
    const e = policy().evaluation;
    const held = lib().trainings[0]!.sessions;
    expect(
      broken(pool(), (r) => {
        const ev = r.evaluations?.["2021"];
        if (ev === undefined || ev.date === undefined || ev.date > SAMPLE_DATE || !ev.date.startsWith("2021-12")) {
          return false;
        }
        const criteria = (["study", "work", "skill", "results"] as const).reduce(
          (s, c) => s + e.criteria_weights[c] * e.rating_points[ev.ratings[c]!],
          0,
        );
        const votes = ev.votes!;
        const raters = votes.excellent + votes.competent + votes.basic + votes.incompetent;
        const democratic =
          (["excellent", "competent", "basic", "incompetent"] as const).reduce(
            (s, g) => s + votes[g] * e.vote_points[g],
            0,
          ) / raters;
        // The sessions held up to the evaluation day (the sample's are all open to everyone), and those attended.
        const open = held.filter((x) => x.date <= ev.date!);
        const attended = open.filter((x) => (r.trainings ?? []).includes(x.id)).length;
        const rate = Math.round((attended / open.length) * 100) / 100;
        // One decimal, half up: 95.45 is 95.5 even when the sum comes out as 95.4499….
        const score =
          Math.round(
            (e.components.criteria * criteria +
              e.components.democratic * democratic +
              e.components.training * rate * 100) *
              10 +
              1e-7,
          ) / 10;
        return (
          raters === ev.raters &&
          ev.training_rate === rate &&
          ev.score === score &&
          ev.grade !== "incompetent" &&
          ev.decision === "keep" &&
          score >= e.grade_bands[ev.grade!]
        );
      }),
    ).toEqual(planted("evaluation-missing", "evaluation-adjust-pending"));
    // Outside the pool, only those the evaluation adjusted out carry one: rated 差 on 学习 and 工作,
    // graded by the formula, and adjusted out that day with its reasons. The others left before it,
    // or came after the year began.
    const out = people().filter(({ r }) => !inPool(r, SAMPLE_DATE) && r.evaluations !== undefined);
    expect(out.length).toBeGreaterThan(0);
    for (const { r } of out) {
      const ev = r.evaluations!["2021"]!;
      const last = r.status_changes!.at(-1)!;
      expect([ev.ratings.study, ev.ratings.work, ev.decision, r.status]).toEqual([
        "poor",
        "poor",
        "adjust_out",
        "调整出库",
      ]);
      expect(ev.reasons!.slice(0, 2)).toEqual([e.poor_reasons.study, e.poor_reasons.work]);
      const reason = `2021年度测评：${ev.reasons!.join("、")}`;
      // One of them may carry the planted status change without its reason.
      const noReason = plantedPeople("status-change-no-reason").has(r.id);
      expect(last).toEqual({ status: "调整出库", date: ev.date, ...(!noReason && { reason }) });
    }
  });

  it("meets the structure shares in every village, every town and the district", () => {
    const { structure } = policy();
    const groups = new Map<string, Reserve[]>();
    const towns = new Map(lib().district.villages.map((v) => [v.code, v.town]));
    const active = new Set(
      lib()
        .district.villages.filter((v) => v.status === "正常")
        .map((v) => v.code),
    );
    const add = (key: string, r: Reserve) => groups.set(key, [...(groups.get(key) ?? []), r]);
    // As the audit judges them: villages in force and their towns (the people still kept in the
    // books of villages that are gone are the planted findings of their own).
    for (const { r, village } of pool()) {
      if (!active.has(village)) continue;
      add(village, r);
      add(towns.get(village)!, r);
      add("district", r);
    }
    // 161 books of villages in force, one of which holds only a pending person; the 11 towns with
    // villages (中卫山羊选育场 and 中卫工业园区 have none); the district.
    expect(groups.size).toBe(160 + 11 + 1);
    const below: string[] = [];
    for (const [group, list] of groups) {
      const share = (f: (r: Reserve) => boolean) => list.filter(f).length / list.length;
      const young = share((r) => ageOn(idFacts(r.id_number).birth, SAMPLE_DATE) < 35);
      const shares = {
        women: share((r) => r.gender === "女"),
        under_35: young,
        party_members: share((r) => isPartyMember(r.political_status)),
        college: share((r) => educationRank(r.education) >= educationRank("大学专科")),
      };
      for (const [k, min] of Object.entries(structure)) {
        if (shares[k as keyof typeof shares] < min) below.push(`${group} ${k}`);
      }
    }
    const thin = sampleInMemory().planted.filter((g) => g.kind === "village-structure-below");
    expect(below).toEqual(thin.map((g) => `${g.village} college`));
  });
});
