namespace Ballotline.TrusteeTool;

/// <summary><c>ballotline-trustee</c>: a trustee's own tool, installable with <c>dotnet tool install</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => TrusteeCommand.Create().Parse(args).InvokeAsync();
}
