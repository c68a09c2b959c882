using Ballotline.Server.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Ballotline.Server.Infrastructure;

/// <summary>API endpoints accept bearer tokens only: a cookie can be ridden by another site, a token cannot.</summary>
internal static class ApiAuthorization
{
    public static TBuilder RequireApiRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(roles));

    public static TBuilder RequireApiAdministrator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireApiRole(Roles.Administrator);
}
