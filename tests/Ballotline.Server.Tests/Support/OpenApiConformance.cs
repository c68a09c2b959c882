using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ballotline.Server.Tests;

/// <summary>
/// Checks a client's recorded conversation against the server's own <c>/openapi/v1.json</c>: every request is an
/// operation the document lists (method and path template), its JSON body holds only the properties the
/// operation's request schema names and every one it requires, and every property the client's answer type reads
/// is one the response schema names. A tool that drifts from the documented API fails here, by name.
/// </summary>
internal sealed class OpenApiConformance(JsonElement document)
{
    private readonly JsonElement _paths = document.GetProperty("paths");
    private readonly JsonElement _schemas = document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;

    /// <summary>What is wrong with each exchange (empty when all conform); <paramref name="answerTypes"/> maps a path template to the type the client reads from it.</summary>
    public IReadOnlyList<string> Check(IEnumerable<RecordedExchange> exchanges, IReadOnlyDictionary<string, Type>? answerTypes = null)
    {
        var problems = new List<string>();
        foreach (var exchange in exchanges)
        {
            var where = $"{exchange.Method} {exchange.Path}";
            var template = _paths.EnumerateObject().FirstOrDefault(p => Matches(p.Name, exchange.Path));
            if (template.Value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: no such path in /openapi/v1.json");
                continue;
            }

            if (!template.Value.TryGetProperty(exchange.Method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{where}: {template.Name} has no {exchange.Method} operation");
                continue;
            }

            if (exchange.RequestBody is { Length: > 0 } body)
            {
                CheckRequest(where, operation, body, problems);
            }

            if (answerTypes is not null && answerTypes.TryGetValue(template.Name, out var answerType))
            {
                CheckAnswer(where, operation, answerType, problems);
            }
        }

        return problems;
    }

    private void CheckRequest(string where, JsonElement operation, string body, List<string> problems)
    {
        if (!operation.TryGetProperty("requestBody", out var requestBody))
        {
            problems.Add($"{where}: sends a body the operation does not take");
            return;
        }

        var schema = Resolve(requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        using var sent = JsonDocument.Parse(body);
        var named = Properties(schema);
        foreach (var property in sent.RootElement.EnumerateObject().Where(p => !named.ContainsKey(p.Name)))
        {
            problems.Add($"{where}: sends '{property.Name}', which the request schema does not name");
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !sent.RootElement.TryGetProperty(n, out _)))
            {
                problems.Add($"{where}: leaves out '{name}', which the request schema requires");
            }
        }
    }

    private void CheckAnswer(string where, JsonElement operation, Type answerType, List<string> problems)
    {
        if (!operation.GetProperty("responses").TryGetProperty("200", out var ok) || !ok.TryGetProperty("content", out var content)
            || !content.TryGetProperty("application/json", out var json))
        {
            problems.Add($"{where}: the document gives no JSON answer for it, yet the client reads a {answerType.Name}");
            return;
        }

        CheckType(where, answerType, Resolve(json.GetProperty("schema")), problems);
    }

    /// <summary>Every property the client's type reads is in the schema; the client's own nested types are followed.</summary>
    private void CheckType(string where, Type type, JsonElement schema, List<string> problems)
    {
        var named = Properties(schema);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!named.TryGetValue(name, out var propertySchema))
            {
                problems.Add($"{where}: the client reads '{type.Name}.{name}', which the answer's schema does not name");
                continue;
            }

            var element = ElementType(property.PropertyType);
            if (element.Namespace == type.Namespace && element.IsClass && element != typeof(string))
            {
                var resolved = Resolve(propertySchema);
                CheckType(where, element, resolved.TryGetProperty("items", out var items) ? Resolve(items) : resolved, problems);
            }
        }
    }

    private static Type ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? item : type;

    private Dictionary<string, JsonElement> Properties(JsonElement schema)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                result[p.Name] = p.Value;
            }
        }

        foreach (var part in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(part, out var parts))
            {
                foreach (var (name, value) in parts.EnumerateArray().SelectMany(x => Properties(Resolve(x))))
                {
                    result[name] = value;
                }
            }
        }

        return result;
    }

    /// <summary>Follows a <c>#/components/schemas/…</c> reference (nullable references come wrapped in oneOf).</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(_schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]));
        }

        return schema;
    }

    private static bool Matches(string template, string path) =>
        Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(template.TrimEnd('/')), @"\\\{[^}]+}", "[^/]+") + "/?$", RegexOptions.CultureInvariant);
}
