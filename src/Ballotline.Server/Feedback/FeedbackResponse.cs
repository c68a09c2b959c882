namespace Ballotline.Server.Feedback;

/// <summary>A voter's pilot feedback: one per voter and election, editable until the feedback deadline.</summary>
public sealed class FeedbackResponse
{
    public long Id { get; set; }

    public Guid ElectionId { get; set; }

    public Guid PilotVoterId { get; set; }

    public int Overall { get; set; }

    public int RegistrationEase { get; set; }

    public int VotingEase { get; set; }

    public int VerificationClarity { get; set; }

    public bool WouldTrust { get; set; }

    public bool WouldUseAgain { get; set; }

    public string WhatWorked { get; set; } = string.Empty;

    public string WhatConfused { get; set; } = string.Empty;

    public string Suggestions { get; set; } = string.Empty;

    public string TechnicalIssues { get; set; } = string.Empty;

    /// <summary>The voter agreed to be contacted for a short interview.</summary>
    public bool InterviewConsent { get; set; }

    /// <summary>The UTC day it was first given (midnight): no finer, so that it cannot be matched to a cast time.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The UTC day of the last change (midnight).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
