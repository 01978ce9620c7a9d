using System.Runtime.ExceptionServices;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>Function-body validation, spread over the cores for large modules.</summary>
internal static partial class ModuleValidator
{
    /// <summary>Below this many instructions in total, bodies are validated on the calling thread.</summary>
    private const long ParallelInstructionThreshold = 256 * 1024;

    /// <summary>
    /// Validates every body (https://webassembly.github.io/spec/core/valid/modules.html#functions). Bodies are
    /// independent given the context, so large modules are checked in parallel; the reported error is always the
    /// one of the lowest-indexed invalid function, exactly as a sequential pass would report it.
    /// </summary>
    private static void ValidateBodies(ModuleDefinition module, ValidationContext context)
    {
        var bodies = module.Bodies;
        long instructions = 0;
        for (int i = 0; i < bodies.Count; i++) instructions += bodies[i].Code.Length;

        if (instructions < ParallelInstructionThreshold || bodies.Count < 2 || Environment.ProcessorCount < 2)
        {
            var validator = new FunctionValidator(context);
            for (int i = 0; i < bodies.Count; i++)
            {
                validator.Validate(module.ImportedFunctionCount + i, module.Functions[i], bodies[i]);
            }
            return;
        }

        int firstFailure = int.MaxValue;
        Exception? failure = null;
        var gate = new object();
        Parallel.For(0, bodies.Count, () => new FunctionValidator(context), (i, state, validator) =>
        {
            try
            {
                validator.Validate(module.ImportedFunctionCount + i, module.Functions[i], bodies[i]);
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    if (i < firstFailure)
                    {
                        firstFailure = i;
                        failure = ex;
                    }
                }

                // Break still runs every lower index, so the lowest failing function is always found.
                state.Break();
            }

            return validator;
        }, static _ => { });

        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
