namespace Ballotline.Server.Ledger;

public enum AnchorKind
{
    Open,
    Anchor,
    Close,
}
