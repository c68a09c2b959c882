using System.Globalization;

namespace Ballotline.Reporting.Tests;

/// <summary>Runs code under a culture that writes decimals with a comma, as German does (built by hand: the tests may run without ICU).</summary>
internal static class CommaCulture
{
    public static T Run<T>(Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("3,75", 3.75.ToString(CultureInfo.CurrentCulture));
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
