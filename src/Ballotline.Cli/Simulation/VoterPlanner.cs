namespace Ballotline.Cli.Simulation;

/// <summary>
/// Writes every synthetic voter's script from the seed: group and age band meeting the composition targets, how
/// far each goes, the candidate each intends to choose, and the feedback each gives.
/// </summary>
public static class VoterPlanner
{
    /// <summary>Every synthetic voter's address is in this domain, which no one can receive mail for.</summary>
    public const string EmailDomain = "@simulation.ballotline.test";

    public static readonly string[] AgeBands = ["18-29", "30-44", "45-59", "60+"];

    /// <summary>The synthetic electorate's leaning over the five candidates: a clear but not unanimous winner.</summary>
    private static readonly double[] Preference = [35, 25, 20, 12, 8];

    private static readonly string[] Worked =
    [
        "Voting was quick and the steps were clear", "The tracking code made me feel my vote counted",
        "Registration was quick", "Clear instructions on every page", "Checking my vote on the blockchain was easy",
    ];

    private static readonly string[] Confused =
    [
        "I did not understand what the blockchain verification shows", "The difference between encrypted and cast was confusing",
        "Not sure what the tracking code is for", "The confirmation waiting time was confusing",
    ];

    private static readonly string[] Suggested =
    [
        "Explain the blockchain verification in simpler words", "Send the tracking code by email",
        "Show progress while the vote is recorded on the chain", "A larger font on the ballot page",
    ];

    private static readonly string[] Technical =
    [
        "The verification page was slow", "The page timed out once while voting", "Nothing went wrong",
    ];

    private static readonly string[] TicketSubjects =
    [
        "I cannot finish registration", "Where do I find my tracking code?", "My vote shows as not yet recorded on the chain",
        "The invitation link says it has expired", "How do I know my vote was counted?",
    ];

    public static IReadOnlyList<VoterPlan> Plan(SimulationOptions options, int candidates)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var drop = options.DropOff;
        var plans = new List<VoterPlan>(options.Voters);
        for (var i = 0; i < options.Voters; i++)
        {
            // Spread technical voters evenly so that any prefix of the group has the requested share.
            var technical = Math.Floor((i + 1) * options.TechnicalShare) > Math.Floor(i * options.TechnicalShare);
            var reach = !Chance(random, drop.StartsRegistration) ? VoterReach.NeverStarts
                : !Chance(random, drop.CompletesRegistration) ? VoterReach.AbandonsRegistration
                : !Chance(random, drop.OpensBallot) ? VoterReach.RegistersOnly
                : !Chance(random, drop.Casts) ? VoterReach.OpensBallotOnly
                : VoterReach.Casts;
            var choice = Pick(random, Preference.AsSpan(0, Math.Min(candidates, Preference.Length)));
            var verifies = reach == VoterReach.Casts && Chance(random, drop.Verifies);
            var challenges = reach == VoterReach.Casts && Chance(random, drop.Challenges);
            var feedback = reach >= VoterReach.RegistersOnly && Chance(random, drop.GivesFeedback)
                ? Feedback(random, options.Satisfaction, technical, reach == VoterReach.Casts)
                : null;
            var ticket = reach > VoterReach.NeverStarts && Chance(random, drop.FilesTicket)
                ? TicketSubjects[random.Next(TicketSubjects.Length)]
                : null;
            plans.Add(new VoterPlan(
                i, $"Synthetic voter {i + 1}", $"voter{i + 1}{EmailDomain}", technical, AgeBands[random.Next(AgeBands.Length)],
                reach, choice, challenges, verifies, feedback, ticket,
                Duration(random, TimeSpan.FromMinutes(5), options.TimeScale), Duration(random, TimeSpan.FromMinutes(2), options.TimeScale)));
        }

        return plans;
    }

    private static SimulatedFeedback Feedback(Random random, SatisfactionProfile profile, bool technical, bool cast)
    {
        // Voters who could not finish rate a point lower; technical voters trust a little more.
        var overall = Math.Clamp(Pick(random, [.. profile.OverallWeights]) + 1 - (cast ? 0 : 1), 1, 5);
        int Near() => Math.Clamp(overall + random.Next(-1, 2), 1, 5);
        var trust = Chance(random, Math.Clamp(profile.WouldTrust + (technical ? 0.05 : -0.03), 0, 1));
        return new SimulatedFeedback(
            overall, Near(), Near(), Near(), trust, Chance(random, profile.WouldUseAgain),
            overall >= 3 ? Worked[random.Next(Worked.Length)] : null,
            Chance(random, 0.5) ? Confused[random.Next(Confused.Length)] : null,
            Chance(random, 0.4) ? Suggested[random.Next(Suggested.Length)] : null,
            Chance(random, 0.2) ? Technical[random.Next(Technical.Length)] : null);
    }

    private static bool Chance(Random random, double p) => random.NextDouble() < p;

    private static int Pick(Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A log-normal spread around the plan's typical duration: most near it, a few much slower.</summary>
    private static TimeSpan Duration(Random random, TimeSpan typical, double scale)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return TimeSpan.FromSeconds(typical.TotalSeconds * Math.Exp(0.35 * normal) * scale);
    }
}
