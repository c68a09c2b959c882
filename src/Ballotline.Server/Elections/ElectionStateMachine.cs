namespace Ballotline.Server.Elections;

/// <summary>The allowed moves: Draft → Registration open → Voting open ⇄ Paused → Closed → Tallied.</summary>
public static class ElectionStateMachine
{
    public static bool CanMove(ElectionState from, ElectionState to) => from switch
    {
        ElectionState.Draft => to == ElectionState.RegistrationOpen,
        ElectionState.RegistrationOpen => to == ElectionState.VotingOpen,
        ElectionState.VotingOpen => to is ElectionState.Paused or ElectionState.Closed,
        ElectionState.Paused => to is ElectionState.VotingOpen or ElectionState.Closed,
        ElectionState.Closed => to == ElectionState.Tallied,
        ElectionState.Tallied => false,
    };

    public static IReadOnlyList<ElectionState> NextStates(ElectionState from) =>
        [.. Enum.GetValues<ElectionState>().Where(to => CanMove(from, to))];

    /// <summary>Registration is possible while registration or voting is open (late registrants may still vote).</summary>
    public static bool AcceptsRegistration(ElectionState state) => state is ElectionState.RegistrationOpen or ElectionState.VotingOpen or ElectionState.Paused;

    public static string Describe(ElectionState state) => state switch
    {
        ElectionState.Draft => "Draft",
        ElectionState.RegistrationOpen => "Registration open",
        ElectionState.VotingOpen => "Voting open",
        ElectionState.Paused => "Paused",
        ElectionState.Closed => "Closed",
        ElectionState.Tallied => "Tallied",
    };
}
