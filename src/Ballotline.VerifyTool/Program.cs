namespace Ballotline.VerifyTool;

/// <summary><c>ballotline-verify</c>: anyone's tool to re-check a published election, installable with <c>dotnet tool install</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => VerifyCommand.Create().Parse(args).InvokeAsync();
}
