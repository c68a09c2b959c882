namespace Ballotline.Reporting;

/// <summary>
/// What to do about each unmet target. Transaction success, satisfaction and critical issues are the pilot plan's
/// own "Risk Mitigation" actions; the others follow the plan's rollback and re-test advice.
/// </summary>
public static class Mitigations
{
    public static IReadOnlyList<string> For(SuccessTarget target) => target switch
    {
        SuccessTarget.Participants =>
        [
            "Recruit a pilot group of 50–200 voters meeting the composition targets and re-run a mini pilot.",
        ],
        SuccessTarget.VoteCompletion =>
        [
            "Analyse the funnel's drop-off points and simplify the step where voters stop.",
            "Send reminders to voters who registered but did not vote.",
            "Re-run a mini pilot to confirm the completion rate.",
        ],
        SuccessTarget.TransactionSuccess =>
        [
            "Analyse failed transactions.",
            "Implement more robust retry logic.",
            "Add transaction monitoring.",
            "Consider batch processing.",
            "Delay Phase 3 if needed.",
        ],
        SuccessTarget.Satisfaction =>
        [
            "Conduct user interviews to understand issues.",
            "Prioritize UX improvements.",
            "Simplify confusing flows.",
            "Add more user guidance.",
            "Consider redesigning problem areas.",
        ],
        SuccessTarget.WouldTrust =>
        [
            "Explain on-chain verification more clearly in the guides and on the receipt page.",
            "Conduct user interviews to understand what undermines trust.",
        ],
        SuccessTarget.CriticalIssues =>
        [
            "Fix immediately.",
            "Re-run mini pilot if needed.",
            "Update documentation.",
            "Add regression tests.",
            "Delay Phase 3 until resolved.",
        ],
        SuccessTarget.SupportResolution =>
        [
            "Brief more support staff and extend support hours during voting.",
            "Add the most frequent questions to the FAQ and troubleshooting guide.",
        ],
    };
}
