namespace Ballotline.Server.Anchoring;

public enum AnchorKind
{
    Open,
    Anchor,
    Close,
}
