using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballotline.Server.Infrastructure;

/// <summary>
/// Enums in request bodies: a defined name (any case) or a defined number, nothing else. System.Text.Json on its
/// own accepts any number for an enum (<c>"recordingMode": 99</c>), which then flows on as a value no code handles.
/// Written as numbers, as before, so responses do not change.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && Enum.IsDefined(typeof(T), number))
            {
                return (T)Enum.ToObject(typeof(T), number);
            }

            if (reader.TokenType == JsonTokenType.String && Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named)
                && Enum.IsDefined(named) && !int.TryParse(reader.GetString(), out _))
            {
                return named;
            }

            var given = reader.TokenType switch
            {
                JsonTokenType.String => $"'{reader.GetString()}'",
                JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "that number",
                _ => reader.TokenType.ToString().ToLowerInvariant(),
            };
            throw new JsonException($"{given} is not a {typeof(T).Name}: use one of {string.Join(", ", Enum.GetNames<T>())}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        // As a dictionary key an enum is its name, as System.Text.Json writes it by default.
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named) && Enum.IsDefined(named) && !int.TryParse(reader.GetString(), out _)
                ? named
                : throw new JsonException($"'{reader.GetString()}' is not a {typeof(T).Name}: use one of {string.Join(", ", Enum.GetNames<T>())}.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WritePropertyName(value.ToString());
        }
    }
}
