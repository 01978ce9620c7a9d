using Djinn.Engine.Binary;
using Djinn.Engine.Model;
using Djinn.Engine.Text;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>A defined function of a module given as text, decoded, with the types of its parameters and locals in index order: what the compiler's analyses take.</summary>
internal sealed record DecodedFunction(Instruction[] Code, int ParamCount, ValueKind[] LocalTypes)
{
    public static DecodedFunction Parse(string text, int function = 0)
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(text));
        var body = module.Bodies[function];
        var parameters = module.GetFunctionType((uint)(module.ImportedFunctionCount + function)).Parameters;
        var types = parameters.Concat(body.Locals.SelectMany(run => Enumerable.Repeat(run.Type, (int)run.Count))).ToArray();
        return new DecodedFunction(body.Code, parameters.Count, types);
    }
}
