namespace Ballotline.Server.Languages;

/// <summary>
/// The resource set of every word a voter reads, on a page or in a mail. The key is the English text itself (the
/// default language needs no file); <c>VoterText.fr.resx</c> beside this class holds the French. A key missing from
/// a language falls back to English, and the localisation test walks the voter pages to catch it.
/// </summary>
public sealed class VoterText;
