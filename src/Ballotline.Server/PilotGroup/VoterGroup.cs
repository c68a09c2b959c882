namespace Ballotline.Server.PilotGroup;

/// <summary>The pilot plan's two kinds of participant: 40% technical, 60% average.</summary>
public enum VoterGroup
{
    Technical,
    Average,
}
